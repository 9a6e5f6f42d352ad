import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the documents in the knowledge base.")

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let documents = try await database.withDatabase { db in
                try await Migrator(logger: CommandLogging.logger("fte.migrate")).migrate(db)
                return try await KnowledgeStore(database: db).documents()
            }
            let header = ["SOURCE", "TITLE", "CATEGORY", "FORMAT", "CHUNKS", "INGESTED"]
            let rows = documents.map {
                [$0.source, $0.title, $0.category, $0.format, String($0.chunks), Rendering.timestamp($0.updatedAt)]
            }
            switch output.format {
            case .json: print(try Rendering.json(documents))
            case .csv: print(Rendering.csv(header: header, rows: rows))
            case .table:
                print(documents.isEmpty ? "The knowledge base is empty: run `fte kb ingest PATH…`." : Rendering.table(header: header, rows: rows))
            }
        }
    }

    /// `fte kb reindex`.
    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-embed every chunk with the configured embedder (after changing embedders).")

        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let embedder = try await embedding.makeEmbedder()
            let bar = ProgressBar()
            let count = try await database.withDatabase { db in
                try await KnowledgeStore(database: db).reindex(with: embedder) { done, total in
                    bar.update("\(ProgressBar.bar(total > 0 ? Double(done) / Double(total) : 1)) \(done)/\(total) chunks")
                }
            }
            bar.finish()
            print("Re-embedded \(count) chunks with \(embedder.modelName).")
        }
    }
}
