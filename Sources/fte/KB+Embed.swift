import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb embed TEXT…`: vectors from the local all-MiniLM-L6-v2 model.
    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the embedding (384 numbers) of each text, computed locally with all-MiniLM-L6-v2.",
            discussion: """
                Table format prints one line per text, the numbers separated by spaces; json prints an array \
                of arrays; csv prints the text and its numbers per row. The model is installed by \
                scripts/setup.sh.
                """
        )

        @Argument(help: "The texts to embed.")
        var texts: [String] = []

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions

        @Option(name: .customLong("bench-file"),
                help: ArgumentHelp("Time embedding a JSON Lines corpus ({\"text\": …} per line).", visibility: .hidden))
        var benchFile: String?

        @Option(name: .customLong("batch-tokens"), help: ArgumentHelp("Tokens per forward pass.", visibility: .hidden))
        var batchTokens: Int?

        func validate() throws {
            if texts.isEmpty, benchFile == nil {
                throw ValidationError("give at least one text to embed")
            }
        }

        func run() async throws {
            let embedder = try await embedding.makeEmbedder(maxBatchTokens: batchTokens)
            if let benchFile {
                try await EmbedBenchmark(embedder: embedder, corpusPath: benchFile).run()
                return
            }
            let vectors = try await embedder.embed(texts)
            print(Self.render(texts: texts, vectors: vectors, format: output.format))
        }

        static func render(texts: [String], vectors: [[Float]], format: OutputFormat) -> String {
            switch format {
            case .table:
                return vectors.map { $0.map(\.description).joined(separator: " ") }.joined(separator: "\n")
            case .json:
                let rows = vectors.map { "[" + $0.map(\.description).joined(separator: ",") + "]" }
                return "[" + rows.joined(separator: ",\n") + "]"
            case .csv:
                let header = ["text"] + (0..<(vectors.first?.count ?? 0)).map { "v\($0)" }
                let rows = zip(texts, vectors).map { [$0] + $1.map(\.description) }
                return Rendering.csv(header: header, rows: rows)
            }
        }
    }
}
