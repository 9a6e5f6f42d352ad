import Foundation
import Testing
@testable import FTECore

@Suite struct EmbeddingModelTests {
    @Test func embeddingsMatchReferenceForEveryFixtureCase() async throws {
        let fixture = try EmbeddingFixture.load()
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.dimension == 384)
        #expect(embedder.modelName == "all-MiniLM-L6-v2")
        let vectors = try await embedder.embed(fixture.cases.map(\.text))
        #expect(vectors.count == fixture.cases.count)
        for (testCase, vector) in zip(fixture.cases, vectors) {
            #expect(vector.count == 384)
            let cosine = EmbeddingFixture.cosine(vector, testCase.embedding)
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(testCase.text.debugDescription)")
            let norm = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    @Test func resultsDoNotDependOnBatchingOrThreads() async throws {
        let fixture = try EmbeddingFixture.load()
        let texts = fixture.cases.map(\.text)
        let together = try await EmbeddingFixture.embedder(threads: 2).embed(texts)
        let small = try EmbeddingFixture.embedder(threads: 1, maxBatchTokens: 256)
        for (text, expected) in zip(texts, together).prefix(8) {
            let alone = try await small.embed(text)
            #expect(EmbeddingFixture.cosine(alone, expected) > 0.999_999, "text: \(text.debugDescription)")
        }
        let again = try await small.embed(texts)
        for (a, b) in zip(again, together) { #expect(EmbeddingFixture.cosine(a, b) > 0.999_999) }
    }

    @Test func concurrentCallsGiveTheSameVectors() async throws {
        let embedder = try EmbeddingFixture.embedder()
        let texts = ["How do I reset my password?", "Refund please", "Slack integration broken"]
        let expected = try await embedder.embed(texts)
        try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for _ in 0..<6 { group.addTask { try await embedder.embed(texts) } }
            for try await result in group { #expect(result == expected) }
        }
    }

    @Test func cancellingTheCallingTaskStopsTheWork() async throws {
        let embedder = try EmbeddingFixture.embedder(threads: 1, maxBatchTokens: 256)
        let texts = (0..<8000).map { "Passage \($0): " + String(repeating: "the billing page keeps a history of invoices. ", count: 10) }
        let clock = ContinuousClock()
        // A few batches' time on this machine now (8 of the 8,000 texts), to allow for its load.
        let fewBatches = try await clock.measure { _ = try await embedder.embed(Array(texts.prefix(8))) }
        let task = Task { try await embedder.embed(texts) }
        try await Task.sleep(for: .milliseconds(300))  // let it start computing
        task.cancel()
        let cancelledAt = clock.now
        do {
            _ = try await task.value
            Issue.record("embedding finished despite cancellation")
        } catch is CancellationError {
        } catch let error as EmbeddingError {
            #expect(error.code == .cancelled)
        }
        // The whole batch takes 1,000 times `fewBatches` (a minute or more on one thread);
        // cancelled, it stops within a few batches: 15 s, or ten times `fewBatches` when the
        // machine is so loaded that this is longer.
        #expect(clock.now - cancelledAt < max(.seconds(15), fewBatches * 10))
        // The embedder stays usable.
        #expect(try await embedder.embed("still works").count == 384)
    }

    @Test func emptyInputGivesNoVectors() async throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(try await embedder.embed([]).isEmpty)
    }

    @Test func usableThroughTheProtocolAndFactory() async throws {
        _ = try EmbeddingFixture.embedder()  // fails with the setup hint when the model is missing
        let configuration = LocalEmbedderConfiguration(modelDirectory: EmbeddingFixture.modelDirectory, threads: 1)
        let embedder: any Embedder = try EmbedderConfiguration.local(configuration).makeEmbedder()
        let vector = try await embedder.embed("hello")
        #expect(vector.count == embedder.dimension)
    }
}
