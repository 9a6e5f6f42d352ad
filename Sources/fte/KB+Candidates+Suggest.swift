import ArgumentParser
import FTECore
import Foundation

extension KB.Candidates {
    /// `fte kb candidates suggest`.
    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft candidates from tickets people resolved: one per distinct question, personal data removed.",
            discussion: """
                Questions the knowledge base already answers, and questions like a rejected candidate, are left out; \
                near duplicates merge into one candidate with all their tickets. With a model configured \
                (FTE_LLM_API_KEY) the answer is rewritten as a short help article unless --extractive is given.
                """)

        @Option(help: ArgumentHelp("Tickets resolved since then: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 7d.", valueName: "when"))
        var since = "7d"
        @OptionGroup var answered: AnsweredSimilarityOptions
        @OptionGroup var grouping: QuestionGroupingOptions
        @Flag(help: "Keep the cleaned question and answer as they are, even with a model configured.") var extractive = false

        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedder: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let sinceDate = TicketFilter.parseSince(since) else {
                throw CommandFailure.usage("--since must be a date (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age (24h, 7d) (got \(since))")
            }
            let threshold = try answered.threshold(environment: environment)
            let similarity = try grouping.similarity(environment: environment)
            let llm: LLMSettings
            do { llm = try LLMSettings(environment: environment) } catch let error as ConfigError { throw CommandFailure.usage(error.message) }
            let embedder = try await embedder.makeEmbedder()
            let httpClient = HTTPClient()
            let model: ChatCompletionsClient? = !extractive && llm.isConfigured ? ChatCompletionsClient(settings: llm, httpClient: httpClient) : nil
            let bar = ProgressBar()
            let by = actor.resolved
            let summary: CandidateSuggester.Summary
            do {
                summary = try await database.withDatabase { db in
                    var suggester = CandidateSuggester(
                        database: db, topics: QuestionTopics(
                            database: db, vectors: QuestionVectors(database: db, embedder: embedder), similarity: similarity),
                        drafter: CandidateDrafter(model: model, modelName: llm.model), answeredSimilarity: threshold)
                    suggester.progress = { done, total in bar.update("embedding questions \(done)/\(total)", force: done == total) }
                    return try await suggester.suggest(since: sinceDate, actor: by)
                }
                bar.finish()
                await httpClient.shutdown()
            } catch {
                bar.finish()
                await httpClient.shutdown()
                throw error
            }
            switch output.format {
            case .json: print(try Rendering.json(summary))
            case .table, .csv:
                print(
                    "\(summary.proposed.count) proposed · \(summary.merged.count) merged with pending candidates · "
                        + "\(summary.alreadyAnswered) already answered by the knowledge base · \(summary.alreadyDecided) like decided candidates"
                        + " — \(summary.tickets) resolved tickets (\(summary.withoutAnswer) without an answer), \(summary.groups) distinct questions, "
                        + String(format: "%.1f s", summary.seconds))
                if !summary.proposed.isEmpty {
                    print("Review them: fte kb candidates list --status pending; fte kb candidates show \(summary.proposed[0])")
                }
            }
        }
    }
}
