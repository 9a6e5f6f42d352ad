import Foundation
import Testing
@testable import FTECore

/// The reference tokens and vectors made with sentence-transformers (a copy of the project's
/// `shared/fixtures/minilm-reference.json`, kept beside this file so a clone anywhere can run
/// the tests), and the locally installed model they are compared against.
struct EmbeddingFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable {
        var text: String
        var input_ids: [Int]
        var embedding: [Float]
    }

    var cases: [Case]

    static let path: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/minilm-reference.json").path

    static func load() throws -> EmbeddingFixture {
        let data = try #require(FileManager.default.contents(atPath: path), "fixture not found at \(path)")
        return try JSONDecoder().decode(EmbeddingFixture.self, from: data)
    }

    /// `FTE_EMBED_MODEL_DIR` or the default install location.
    static var modelDirectory: String { LocalEmbedderConfiguration.defaultModelDirectory() }

    /// The installed model; fails (not skips) the test when it is missing.
    static func embedder(threads: Int? = nil, maxBatchTokens: Int = 4096) throws -> MiniLMEmbedder {
        let directory = modelDirectory
        guard FileManager.default.fileExists(atPath: directory + "/model.safetensors") else {
            Issue.record("all-MiniLM-L6-v2 is not installed at \(directory): run scripts/setup.sh (or set FTE_EMBED_MODEL_DIR)")
            throw EmbeddingError(.modelNotFound, "model not installed", path: directory)
        }
        return try MiniLMEmbedder(configuration: .init(
            modelDirectory: directory, threads: threads, maxBatchTokens: maxBatchTokens))
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}
