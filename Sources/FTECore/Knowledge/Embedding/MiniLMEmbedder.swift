import Dispatch
import Foundation
import Synchronization

/// all-MiniLM-L6-v2 computed in this process: the BERT uncased tokenizer, a 6-layer BERT encoder
/// on OpenBLAS, mean pooling and L2 normalisation — the same 384-number vectors as
/// sentence-transformers.
///
/// Loading maps `model.safetensors` (nothing is copied) and reads the vocabulary. Embedding runs
/// on one process-wide serial dispatch queue, never on Swift's cooperative pool; concurrent
/// `embed` calls queue behind each other, each using every compute thread. Results do not
/// depend on how texts are grouped into calls or batches beyond float rounding (≤ 1e-6).
///
/// ```swift
/// let embedder = try MiniLMEmbedder(configuration: .fromEnvironment())
/// let vectors = try await embedder.embed(["How do I reset my password?", "Refund policy"])
/// ```
public final class MiniLMEmbedder: Embedder {
    public let modelName: String
    public let dimension: Int
    /// The settings this embedder was loaded with.
    public let configuration: LocalEmbedderConfiguration

    let tokenizer: BertTokenizer
    let encoder: BertEncoder

    /// One queue for every local embedder: the work is CPU-bound and already uses all threads.
    private static let computeQueue = DispatchQueue(label: "fte.embedding.compute", qos: .userInitiated)

    /// Loads the model from `configuration.modelDirectory`. Blocks for tens of milliseconds; from
    /// async code prefer ``load(configuration:)``.
    /// - Throws: ``EmbeddingError`` naming the directory or file and what is wrong: `modelNotFound`,
    ///   `missingFile`, `corruptModel`, `missingTensor`, `wrongShape`, `invalidConfiguration`.
    public init(configuration: LocalEmbedderConfiguration) throws {
        let files = try ModelFiles(directory: configuration.modelDirectory)
        let bert = try BertConfiguration(path: files.config)
        guard configuration.maxSequenceLength >= 2, configuration.maxSequenceLength <= bert.maxPositions else {
            throw EmbeddingError(
                .invalidConfiguration,
                "the maximum sequence length \(configuration.maxSequenceLength) must be between 2 and \(bert.maxPositions)")
        }
        let tensors = try SafeTensors(path: files.weights)
        let weights = try BertWeights(tensors: tensors, configuration: bert)
        self.tokenizer = try files.loadTokenizer(vocabularySize: bert.vocabularySize)
        self.encoder = BertEncoder(weights: weights, threads: configuration.threads)
        self.configuration = configuration
        self.modelName = LocalEmbedderConfiguration.modelName
        self.dimension = bert.hiddenSize
    }

    /// Loads the model off the cooperative thread pool.
    /// - Throws: as ``init(configuration:)``.
    public static func load(configuration: LocalEmbedderConfiguration) async throws -> MiniLMEmbedder {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try MiniLMEmbedder(configuration: configuration) })
            }
        }
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try Task.checkCancellation()
        if texts.isEmpty { return [] }
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Self.computeQueue.async {
                    continuation.resume(with: Result { try self.computeBlocking(texts, cancelled: flag) })
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Token ids of a text as the model sees it: `[CLS]`, word pieces, `[SEP]`, truncated to
    /// ``LocalEmbedderConfiguration/maxSequenceLength``.
    public func tokenIDs(_ text: String) -> [Int] {
        tokenizer.encode(text, maxLength: configuration.maxSequenceLength).map(Int.init)
    }

    /// Floating-point operations needed to embed texts of these token counts (from
    /// ``tokenIDs(_:)``), for throughput figures in GFLOP/s.
    public func estimatedFLOPs(tokenCounts: [Int]) -> Double {
        BertEncoder.flops(lengths: tokenCounts, configuration: encoder.weights.configuration)
    }

    // MARK: - Compute (on the compute queue)

    /// Tokenizes, sorts by length, packs batches of up to `maxBatchTokens` tokens, encodes.
    private func computeBlocking(_ texts: [String], cancelled: CancellationFlag) throws -> [[Float]] {
        BLAS.setThreads(1)  // our threads split the work; see BertEncoder
        let maxLength = configuration.maxSequenceLength
        var sequences = [[Int32]](repeating: [], count: texts.count)
        sequences.withUnsafeMutableBufferPointer { out in
            encoder.loop.forEach(texts.count) { i in out[i] = tokenizer.encode(texts[i], maxLength: maxLength) }
        }
        let order = texts.indices.sorted { sequences[$0].count > sequences[$1].count }
        var vectors = [[Float]](repeating: [], count: texts.count)
        var start = 0
        while start < order.count {
            if cancelled.isCancelled {
                throw EmbeddingError(.cancelled, "embedding was cancelled after \(start) of \(texts.count) texts")
            }
            var end = start
            var tokens = 0
            while end < order.count, end == start || tokens + sequences[order[end]].count <= configuration.maxBatchTokens {
                tokens += sequences[order[end]].count
                end += 1
            }
            let batch = order[start..<end]
            let results = encoder.encode(batch.map { sequences[$0] })
            for (index, vector) in zip(batch, results) { vectors[index] = vector }
            start = end
        }
        return vectors
    }
}

/// Set from a task's cancellation handler, read by the compute queue between batches.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
