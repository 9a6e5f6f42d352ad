import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb search "query"`.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the knowledge base (vector similarity, full-text matches deciding close calls).")

        @Argument(help: "What to look for, in plain words.") var query: String
        @Option(name: .customShort("k"), help: "How many passages to return (1-50).") var k = 5
        @Option(help: "Only documents of this category (their top folder).") var category: String?
        @Option(help: "Ranking: hybrid (dense and full text fused, what the agent uses), dense or full-text.")
        var mode: SearchMode = .hybrid

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func validate() throws {
            if !(1...50).contains(k) { throw ValidationError("-k must be between 1 and 50 (got \(k))") }
            if query.allSatisfy(\.isWhitespace) { throw ValidationError("the search query is empty") }
        }

        func run() async throws {
            let embedder = try await embedding.makeEmbedder()
            let (query, k, category, mode) = (query, k, category, mode)
            let results = try await database.withDatabase { db in
                try await KnowledgeSearch(database: db, embedder: embedder).search(query, k: k, category: category, mode: mode)
            }
            let header = ["RANK", "SCORE", "SIMILARITY", "SOURCE", "HEADINGS", "SNIPPET"]
            let rows = results.map {
                [String($0.rank), String(format: "%.4f", $0.score), String(format: "%.3f", $0.similarity),
                 $0.source, $0.headingPath, $0.snippet]
            }
            switch output.format {
            case .json: print(try Rendering.json(results))
            case .csv: print(Rendering.csv(header: header, rows: rows))
            case .table: print(results.isEmpty ? "No passages found." : Rendering.table(header: header, rows: rows, maxWidth: 60))
            }
        }
    }
}

extension SearchMode: ExpressibleByArgument {}
