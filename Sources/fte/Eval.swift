import ArgumentParser
import FTECore
import Foundation
import Logging

/// `fte eval SCENARIOS…`: the agent on scenario files, k trials each, pass^1 and pass^k.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run scenario files through the real agent and report pass^1 and pass^k.",
        discussion: """
            Each scenario (JSON Lines or YAML, see docs/evaluation.md) is one or more customer turns on a \
            channel with expectations: escalate or not and why, sources to cite or not, phrases that must \
            not appear, length, language. Every turn goes through the rules, the configured model \
            (FTE_LLM_*) or else the built-in responder, the reply checks and the channel shaping, against \
            the configured database and knowledge base; nothing is written to the CRM. --from-tickets \
            replays tickets a person resolved (the person's outcome as the expectation). Exits 1 when \
            pass^k is below --min-pass.
            """)

    @Argument(help: ArgumentHelp("Scenario files (.jsonl, .yaml, .yml).", valueName: "scenarios"), completion: .file(extensions: ["jsonl", "yaml", "yml"]))
    var files: [String] = []

    @Option(help: "Trials per scenario, k (1-100).") var trials = 1
    @Option(name: .customLong("min-pass"), help: "Fail (exit 1) when pass^k is below this (0-1).") var minPass: Double?
    @Flag(name: .customLong("from-tickets"), help: "Also replay tickets a person resolved.") var fromTickets = false
    @Option(help: ArgumentHelp("With --from-tickets: tickets resolved since then (2026-11-24, or an age like 7d).", valueName: "when"))
    var since = "7d"
    @Option(name: .customLong("save"), help: ArgumentHelp("Write the scenarios made from tickets to this JSON Lines file.", valueName: "file"))
    var savePath: String?
    @Option(help: "Scenarios run at once (1-64).") var concurrency = 4

    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty, !fromTickets { throw ValidationError("give at least one scenario file, or --from-tickets") }
        if !(1...100).contains(trials) { throw ValidationError("--trials must be between 1 and 100 (got \(trials))") }
        if let minPass, !(0...1).contains(minPass) { throw ValidationError("--min-pass must be between 0 and 1 (got \(minPass))") }
        if !(1...64).contains(concurrency) { throw ValidationError("--concurrency must be between 1 and 64 (got \(concurrency))") }
        if savePath != nil, !fromTickets { throw ValidationError("--save needs --from-tickets") }
        if fromTickets, TicketFilter.parseSince(since) == nil {
            throw ValidationError("--since must be a date (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age (24h, 7d) (got \(since))")
        }
    }

    func run() async throws {
        var scenarios: [Scenario] = []
        for file in files {
            do {
                scenarios += try ScenarioFile.load(file)
            } catch {
                throw CommandFailure.usage(error.message)
            }
        }
        if let duplicate = Dictionary(grouping: scenarios, by: \.id).first(where: { $0.value.count > 1 })?.key {
            throw CommandFailure.usage("the scenario id “\(duplicate)” is used in more than one file")
        }
        let environment = ProcessInfo.processInfo.environment
        let embedder = try await embedding.makeEmbedder()
        let (trials, concurrency, fromTickets, savePath) = (trials, concurrency, fromTickets, savePath)
        let since = TicketFilter.parseSince(since) ?? Date()
        let bar = ProgressBar()
        let fromFiles = scenarios
        let report = try await database.withDatabase { db in
            try await Serve.requireMigrated(db)
            var scenarios = fromFiles
            if fromTickets {
                let replayed = try await TicketReplay.scenarios(since: since, in: db)
                if let savePath { try Self.save(replayed, to: savePath) }
                scenarios += replayed
            }
            guard !scenarios.isEmpty else {
                throw CommandFailure(message: "no scenarios to run (no tickets resolved by a person since \(Rendering.timestamp(since)))", exitCode: 1)
            }
            let assembly: AgentAssembly
            do {
                assembly = try AgentAssembly.make(
                    database: db, embedder: embedder, tickets: UnrecordedTickets(),
                    settings: try WorkerConfiguration.fromEnvironment(environment), maxModelConnections: concurrency,
                    environment: environment, logger: CommandLogging.logger("fte.eval"))
            } catch let error as ConfigError {
                throw CommandFailure.usage(error.message)
            }
            let runner = ScenarioRunner(
                agent: assembly.agent, assessor: assembly.assessor, shaper: assembly.shaper,
                competitors: ConfigKey.competitors.list(environment: environment), concurrency: concurrency)
            let report = await runner.evaluate(scenarios, trials: trials, responder: assembly.responderDescription) { done, total in
                bar.update("\(ProgressBar.bar(Double(done) / Double(total))) \(done)/\(total) trials")
            }
            await assembly.modelHTTPClient.shutdown()
            return report
        }
        bar.finish()
        switch output.format {
        case .json: print(try Rendering.json(report))
        case .csv:
            print(Rendering.csv(
                header: ["scenario", "channel", "trials", "passed", "pass^1", "pass^k", "first_failure"],
                rows: report.results.map {
                    [$0.id, $0.channel.rawValue, String($0.trials), String($0.passed), String(format: "%.3f", $0.passAt1),
                     String(format: "%.0f", $0.passAtK), $0.failures.first?.failures.first ?? ""]
                }))
        case .table: print(Self.text(report))
        }
        if let minPass, report.passAtK < minPass {
            printError(String(format: "error: pass^%d %.3f is below --min-pass %.3f", report.trials, report.passAtK, minPass))
            throw ExitCode.failure
        }
    }

    /// The failing scenarios with what failed, then the totals.
    static func text(_ report: EvaluationReport) -> String {
        var lines: [String] = []
        for result in report.failing {
            lines.append("FAIL \(result.id) (\(result.channel.rawValue)): \(result.passed)/\(result.trials) trials passed")
            for failure in result.failures.prefix(3) {
                lines += failure.failures.map { "     trial \(failure.trial): \($0)" }
            }
        }
        let passed = report.results.count { $0.passed == $0.trials }
        let figures = report.trials == 1
            ? String(format: "pass^1 %.3f", report.passAt1)
            : String(format: "pass^1 %.3f · pass^%d %.3f", report.passAt1, report.trials, report.passAtK)
        lines.append("\(report.results.count) scenarios × \(report.trials) trial\(report.trials == 1 ? "" : "s") answered by \(report.responder) · \(passed) passed every trial · \(figures)")
        return lines.joined(separator: "\n")
    }

    /// Writes scenarios as JSON Lines, for review and reuse.
    private static func save(_ scenarios: [Scenario], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try scenarios.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        do {
            try (lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure.usage("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
