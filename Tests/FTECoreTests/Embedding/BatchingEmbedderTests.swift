import Synchronization
import Testing
@testable import FTECore

@Suite struct BatchingEmbedderTests {
    /// Vectors that name their text; records each call's batch and holds it for a moment.
    final class RecordingEmbedder: Embedder {
        let modelName = "recording"
        let dimension = 1
        let batches = Mutex<[[String]]>([])

        func embed(_ texts: [String]) async throws -> [[Float]] {
            batches.withLock { $0.append(texts) }
            try await Task.sleep(for: .milliseconds(50))
            return texts.map { [Float($0.count)] }
        }
    }

    @Test func concurrentRequestsShareBatchesAndGetTheirOwnVectors() async throws {
        let base = RecordingEmbedder()
        let embedder = BatchingEmbedder(base, maxTexts: 64)
        let texts = (1...40).map { String(repeating: "x", count: $0) }
        let results = try await withThrowingTaskGroup(of: (String, [Float]).self) { group in
            for text in texts { group.addTask { (text, try await embedder.embed(text)) } }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for text in texts { #expect(results[text] == [Float(text.count)]) }
        let batches = base.batches.withLock { $0 }
        #expect(batches.count < texts.count / 4, "\(batches.count) batches for \(texts.count) requests")
        #expect(batches.allSatisfy { $0.count <= 64 })
    }

    @Test func aFailedBatchFailsEachOfItsRequests() async throws {
        struct Broken: Embedder {
            let modelName = "broken"
            let dimension = 1
            func embed(_ texts: [String]) async throws -> [[Float]] { throw EmbeddingError(.invalidInput, "broken") }
        }
        let embedder = BatchingEmbedder(Broken())
        await #expect(throws: EmbeddingError.self) { try await embedder.embed("a") }
        await #expect(throws: EmbeddingError.self) { try await embedder.embed("b") }
    }
}
