import ArgumentParser
import FTECore
import Foundation

extension KB.Candidates {
    /// `fte kb candidates gaps`.
    struct Gaps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the questions the knowledge base could not answer and nobody has answered yet, grouped, largest first.",
            discussion: """
                The same knowledge gaps as `fte report`, without those a person answered since or that a document \
                now answers: write a document for each group (or answer one ticket and let `suggest` draft it).
                """)

        @Option(help: ArgumentHelp("Start: a date, a date-time, or an age like 30d (default: 30 days before --until).", valueName: "when"))
        var since: String?
        @Option(help: ArgumentHelp("End, same forms (default: now).", valueName: "when")) var until: String?
        @Option(help: "Only questions asked on this channel.") var channel: Channel?
        @Option(help: "Groups to list (1-1000).") var limit = 20
        @OptionGroup var answered: AnsweredSimilarityOptions
        @OptionGroup var grouping: QuestionGroupingOptions

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedder: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let period = try ReportCommandSupport.period(since: since, until: until, channel: channel, defaultLength: 30 * 86_400)
            let threshold = try answered.threshold(environment: environment)
            guard (1...1000).contains(limit) else { throw CommandFailure.usage("--limit must be between 1 and 1000 (got \(limit))") }
            let similarity = try grouping.similarity(environment: environment)
            let loaded = await ReportCommandSupport.loadEmbedder(embedder)
            let bar = ProgressBar()
            let limit = limit
            let gaps = try await database.withDatabase { db in
                var finder = KnowledgeGapFinder(
                    database: db, topics: ReportCommandSupport.topics(db, embedder: loaded, similarity: similarity), maxGroups: limit)
                finder.progress = { done, total in bar.update("embedding questions \(done)/\(total)", force: done == total) }
                return try await finder.unanswered(period, answeredSimilarity: threshold)
            }
            bar.finish()
            switch output.format {
            case .json: print(String(decoding: try gaps.json(), as: UTF8.self))
            case .csv:
                print(Rendering.csv(
                    header: ["asked", "tickets", "channels", "first_asked", "last_asked", "example", "ticket_ids"],
                    rows: gaps.groups.map { group in
                        [String(group.count), String(group.ticketIDs.count), group.channels.map(\.rawValue).joined(separator: " "),
                         Rendering.timestamp(group.firstAsked), Rendering.timestamp(group.lastAsked), group.example,
                         group.ticketIDs.map(\.lowercasedString).joined(separator: " ")]
                    }))
            case .table:
                guard !gaps.groups.isEmpty else {
                    print("No unanswered questions between \(Rendering.shortTimestamp(period.since)) and \(Rendering.shortTimestamp(period.until)).")
                    return
                }
                print("\(gaps.questions) unanswered questions in \(gaps.groupCount) groups (\(gaps.grouping)); largest first:")
                print(Rendering.table(
                    header: ["ASKED", "TICKETS", "LAST ASKED", "EXAMPLE QUESTION"],
                    rows: gaps.groups.map { [String($0.count), String($0.ticketIDs.count), Rendering.shortTimestamp($0.lastAsked), $0.example] },
                    maxWidth: 100))
            }
        }
    }
}
