import Synchronization

/// Embeds concurrent requests together: texts asked for while a batch is being computed go into
/// the next batch, so many simultaneous searches (the worker's) cost a few large matrix products
/// instead of many small ones.
public final class BatchingEmbedder: Embedder {
    private struct Request {
        var texts: [String]
        var continuation: CheckedContinuation<[[Float]], any Error>
    }

    private struct State {
        var waiting: [Request] = []
        var computing = false
    }

    private let base: any Embedder
    private let maxTexts: Int
    private let state = Mutex(State())

    public var modelName: String { base.modelName }
    public var dimension: Int { base.dimension }

    /// - Parameter maxTexts: the most texts embedded in one batch.
    public init(_ base: any Embedder, maxTexts: Int = 64) {
        self.base = base
        self.maxTexts = max(1, maxTexts)
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try Task.checkCancellation()
        if texts.isEmpty { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            let startsBatch = state.withLock { state -> Bool in
                state.waiting.append(Request(texts: texts, continuation: continuation))
                defer { state.computing = true }
                return !state.computing
            }
            if startsBatch { Task { await self.computeWaiting() } }
        }
    }

    /// Embeds what is waiting, batch after batch, until nothing is.
    private func computeWaiting() async {
        while true {
            let batch = state.withLock { state -> [Request] in
                var taken: [Request] = []
                var count = 0
                while let next = state.waiting.first, taken.isEmpty || count + next.texts.count <= maxTexts {
                    taken.append(state.waiting.removeFirst())
                    count += next.texts.count
                }
                if taken.isEmpty { state.computing = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            do {
                var vectors = try await base.embed(batch.flatMap(\.texts))[...]
                for request in batch {
                    request.continuation.resume(returning: Array(vectors.prefix(request.texts.count)))
                    vectors = vectors.dropFirst(request.texts.count)
                }
            } catch {
                for request in batch { request.continuation.resume(throwing: error) }
            }
        }
    }
}
