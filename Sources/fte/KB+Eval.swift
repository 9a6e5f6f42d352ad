import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb eval QUESTIONS.jsonl`.
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure retrieval on a question set: hit@1, hit@5 and MRR of dense, full-text and hybrid search.",
            discussion: """
                Each line of the file is {"question": "...", "source": "..."}, the source being the answering \
                document's path relative to the ingested folder. Every question is searched three ways: the \
                embedding alone (dense), full text alone, and both fused (hybrid, what the agent uses); \
                latency is the hybrid search's. Exits 1 when the hybrid hit@5 is below --min-hit5.
                """)

        @Argument(help: "The question set (JSON Lines).", completion: .file(extensions: ["jsonl"])) var questions: String
        @Option(name: .customLong("min-hit5"), help: "Fail when hit@5 is below this (0-1).") var minHit5: Double?
        @Option(name: .customLong("repeat"), help: "Search each question this many extra times, for steadier latency figures (0-100).") var repeats: Int = 0

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func validate() throws {
            if let minHit5, !(0...1).contains(minHit5) { throw ValidationError("--min-hit5 must be between 0 and 1 (got \(minHit5))") }
            if !(0...100).contains(repeats) { throw ValidationError("--repeat must be between 0 and 100 (got \(repeats))") }
        }

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: questions, encoding: .utf8)
            } catch {
                throw CommandFailure.usage("cannot read \(questions)")
            }
            let set: [KnowledgeEvaluation.Question]
            do {
                set = try KnowledgeEvaluation.questions(fromJSONLines: text, file: questions)
            } catch {
                throw CommandFailure.usage("\(error)")
            }
            let embedder = try await embedding.makeEmbedder()
            let bar = ProgressBar()
            let result = try await database.withDatabase { db in
                try await KnowledgeEvaluation.run(set, search: KnowledgeSearch(database: db, embedder: embedder), repeats: self.repeats) { done, total in
                    bar.update("\(ProgressBar.bar(Double(done) / Double(total))) \(done)/\(total) searches")
                }
            }
            bar.finish()
            switch output.format {
            case .json: print(try Rendering.json(result))
            case .csv:
                print(Rendering.csv(
                    header: ["mode", "questions", "hit@1", "hit@5", "mrr"],
                    rows: SearchMode.allCases.compactMap { mode in
                        result.modes[mode].map { [mode.rawValue, String(result.questions), String(format: "%.3f", $0.hitAt1),
                                                  String(format: "%.3f", $0.hitAt5), String(format: "%.3f", $0.mrr)] }
                    }))
            case .table:
                for miss in result.misses {
                    print("miss: \(miss.question)\n      expected \(miss.expected), got \(miss.got.joined(separator: ", "))")
                }
                print(Rendering.table(
                    header: ["MODE", "HIT@1", "HIT@5", "MRR"],
                    rows: SearchMode.allCases.compactMap { mode in
                        result.modes[mode].map { [mode.rawValue, String(format: "%.3f", $0.hitAt1), String(format: "%.3f", $0.hitAt5), String(format: "%.3f", $0.mrr)] }
                    }))
                print(String(format: "%d questions · hybrid hit@1 %.3f · hit@5 %.3f · MRR %.3f", result.questions, result.hitAt1, result.hitAt5, result.mrr))
                let l = result.latencyMs
                print(String(format: "search latency over %d searches: p50 %.2f ms · p95 %.2f ms · p99 %.2f ms", l.searches, l.p50, l.p95, l.p99))
            }
            if let minHit5, result.hitAt5 < minHit5 {
                printError(String(format: "error: hit@5 %.3f is below --min-hit5 %.3f", result.hitAt5, minHit5))
                throw ExitCode.failure
            }
        }
    }
}
