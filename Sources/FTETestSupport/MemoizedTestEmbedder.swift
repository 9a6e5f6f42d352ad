import FTECore
import Synchronization

/// The local embedder for test beds, remembering every vector it computed for the whole test
/// run: the suites that ingest the same sample articles (each test into its own database)
/// compute them once instead of once per test, where each computation waits in the embedder's
/// one process-wide queue behind the other suites' work.
///
/// The embedder is deterministic (the same text gives the same vector whatever the batch or
/// thread count), so a remembered vector is the one it would compute again. Tests of the
/// embedder itself use ``MiniLMEmbedder`` directly.
public struct MemoizedTestEmbedder: Embedder {
    private let base: MiniLMEmbedder
    public var modelName: String { base.modelName }
    public var dimension: Int { base.dimension }

    /// The local model configured by the environment, as ``MiniLMEmbedder`` loads it.
    public init() throws {
        base = try MiniLMEmbedder(configuration: LocalEmbedderConfiguration.fromEnvironment())
    }

    /// A chunker sized for the model's input, as ``MiniLMEmbedder/makeChunker()`` makes it.
    public func makeChunker() -> Chunker { base.makeChunker() }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        let pending = Self.memo.claim(texts) { missing in
            Task { [base] in try await base.embed(missing) }
        }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for (batch, index) in pending {
            do {
                vectors.append(try await batch.value[index])
            } catch {
                Self.memo.forget(batch)
                throw error
            }
        }
        return vectors
    }

    /// Vectors computed or being computed in this process, by text.
    private static let memo = Memo()

    private final class Memo: Sendable {
        typealias Batch = Task<[[Float]], any Error>
        private let entries = Mutex<[String: (batch: Batch, index: Int)]>([:])

        /// Where each text's vector comes from: a batch already started for it, or one new
        /// batch (started by `start`) for all the texts nobody asked for before.
        func claim(_ texts: [String], start: ([String]) -> Batch) -> [(Batch, Int)] {
            entries.withLock { entries in
                var missing: [String] = []
                var seen: Set<String> = []
                for text in texts where entries[text] == nil && seen.insert(text).inserted {
                    missing.append(text)
                }
                if !missing.isEmpty {
                    let batch = start(missing)
                    for (index, text) in missing.enumerated() { entries[text] = (batch, index) }
                }
                return texts.compactMap { text in entries[text].map { ($0.batch, $0.index) } }
            }
        }

        /// Drops a failed batch, so the next caller computes its texts again.
        func forget(_ failed: Batch) {
            entries.withLock { entries in entries = entries.filter { $0.value.batch != failed } }
        }
    }
}
