import Synchronization
import Testing
@testable import FTECore

@Suite struct CachingEmbedderTests {
    /// Vectors that name their text's length; records which texts it was asked for.
    final class CountingEmbedder: Embedder {
        let modelName = "counting"
        let dimension = 1
        let asked = Mutex<[String]>([])

        func embed(_ texts: [String]) async throws -> [[Float]] {
            asked.withLock { $0.append(contentsOf: texts) }
            return texts.map { [Float($0.count)] }
        }
    }

    @Test func aRepeatedTextIsEmbeddedOnce() async throws {
        let base = CountingEmbedder()
        let embedder = CachingEmbedder(base, capacity: 16)
        #expect(try await embedder.embed("reset my password") == [17])
        #expect(try await embedder.embed("reset my password") == [17])
        #expect(try await embedder.embed(["ab", "reset my password", "ab", "abc"]) == [[2], [17], [2], [3]])
        #expect(base.asked.withLock { $0 }.sorted() == ["ab", "abc", "reset my password"])
    }

    @Test func theLeastRecentlyUsedTextsAreForgottenFirst() async throws {
        let base = CountingEmbedder()
        let embedder = CachingEmbedder(base, capacity: 8)
        for index in 0..<8 { _ = try await embedder.embed("text \(index)") }
        _ = try await embedder.embed("text 0")
        _ = try await embedder.embed("new text")
        #expect(embedder.count <= 8)
        base.asked.withLock { $0.removeAll() }
        _ = try await embedder.embed("text 0")
        _ = try await embedder.embed("new text")
        #expect(base.asked.withLock { $0 }.isEmpty, "recently used texts are kept")
        _ = try await embedder.embed("text 1")
        #expect(base.asked.withLock { $0 } == ["text 1"], "the oldest untouched text was forgotten")
    }

    @Test func capacityZeroRemembersNothing() async throws {
        let base = CountingEmbedder()
        let embedder = CachingEmbedder(base, capacity: 0)
        _ = try await embedder.embed("a")
        _ = try await embedder.embed("a")
        #expect(base.asked.withLock { $0 } == ["a", "a"])
        #expect(embedder.count == 0)
    }
}
