import ArgumentParser
import FTECore
import Foundation

/// `fte report`: what happened in a period, for support leads.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report on a period: volume, sentiment, outcomes, first response, knowledge gaps, model usage.",
        discussion: """
            Computed in SQL over the CRM; every figure is defined in docs/report.md. Examples: fte report; \
            fte report --since 2026-12-01 --until 2026-12-08 --format json; fte report --html day.html; \
            fte report --email lead@company.example
            """)

    @Option(help: ArgumentHelp("Start: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 24h, 7d (default: 24 hours before --until).", valueName: "when"))
    var since: String?
    @Option(help: ArgumentHelp("End, same forms (default: now).", valueName: "when"))
    var until: String?
    @Option(help: "Only this channel: email, whatsapp or web_form.") var channel: Channel?
    @Option(
        name: .customLong("reopen-window"),
        help: ArgumentHelp("Hours after the agent's answer in which a new message from the customer reopens it (env FTE_REPORT_REOPEN_WINDOW_HOURS; default 72).", valueName: "hours"))
    var reopenWindow: Double?
    @Option(help: ArgumentHelp("Also write the HTML report with charts to this file.", valueName: "file"), completion: .file(extensions: ["html"]))
    var html: String?
    @Option(
        name: .customLong("email"),
        help: ArgumentHelp("Send the report to this address through the configured Gmail mailbox (repeat for several; env FTE_REPORT_EMAIL).", valueName: "address"))
    var emails: [String] = []
    @Option(name: .customLong("gap-groups"), help: "Knowledge-gap groups to list (1-100).") var gapGroups = 10
    @OptionGroup var grouping: QuestionGroupingOptions

    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Embeddings (knowledge gaps)") var embedder: EmbedderOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let period = try ReportCommandSupport.period(since: since, until: until, channel: channel)
        let reopenHours = try ReportCommandSupport.number(
            .reportReopenWindowHours, flag: reopenWindow, option: "--reopen-window", environment: environment,
            default: SupportReportBuilder.defaultReopenWindowHours, in: 0...8760)
        let similarity = try grouping.similarity(environment: environment)
        let recipients: [String]
        do {
            recipients = try Self.recipients(emails, environment: environment)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
        guard (1...100).contains(gapGroups) else { throw CommandFailure.usage("--gap-groups must be between 1 and 100 (got \(gapGroups))") }
        let httpClient = recipients.isEmpty ? nil : HTTPClient()
        let mailer = try httpClient.map { try ReportCommandSupport.mailer(environment: environment, httpClient: $0) }
        let loaded = await ReportCommandSupport.loadEmbedder(embedder)
        let progress = ProgressBar()
        let report = try await database.withDatabase(workload: .report) { db in
            var gaps = KnowledgeGapFinder(
                database: db, topics: ReportCommandSupport.topics(db, embedder: loaded, similarity: similarity), maxGroups: gapGroups)
            gaps.progress = { done, total in progress.update("embedding questions \(done)/\(total)", force: done == total) }
            let report = try await SupportReportBuilder(database: db, gaps: gaps).report(period, reopenWindowHours: reopenHours)
            progress.finish()
            return report
        }
        if let html {
            do {
                try report.html().write(toFile: html, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "cannot write the HTML report to \(html): \(error.localizedDescription)", exitCode: 1)
            }
        }
        switch output.format {
        case .table: print(report.text(), terminator: "")
        case .json: print(String(decoding: try report.json(), as: UTF8.self))
        case .csv: print(report.csv(), terminator: "")
        }
        if let mailer, let httpClient {
            do {
                let sent = try await mailer.send(report, to: recipients)
                await httpClient.shutdown()
                printError("sent the report to \(recipients.joined(separator: ", ")) (\(sent.count) message\(sent.count == 1 ? "" : "s"))")
            } catch {
                await httpClient.shutdown()
                throw CommandFailure(message: "the report was not sent: \(error)", exitCode: 1)
            }
        }
    }

    /// `--email` addresses (else `FTE_REPORT_EMAIL`), each checked.
    static func recipients(_ flags: [String], environment: [String: String]) throws -> [String] {
        let raw = flags.isEmpty
            ? (ConfigKey.reportEmail.resolve(flag: nil, environment: environment)?.split(separator: ",").map(String.init) ?? [])
            : flags
        return try raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.map { address in
            guard let normalised = ContactAddress.normalizedEmail(address) else {
                throw ConfigError("--email must be an e-mail address (got \(address))")
            }
            return normalised
        }
    }
}
