/// Turns texts into fixed-size vectors for semantic search.
///
/// Implementations: ``MiniLMEmbedder`` (all-MiniLM-L6-v2 computed locally) and, through the same
/// protocol, any remote embeddings API. Vectors of one embedder are comparable with each other
/// only; store ``modelName`` and ``dimension`` beside them.
///
/// ```swift
/// let embedder = try MiniLMEmbedder(configuration: .fromEnvironment())
/// let vectors = try await embedder.embed(["How do I reset my password?"])
/// ```
public protocol Embedder: Sendable {
    /// The model's name as stored beside its vectors, e.g. `all-MiniLM-L6-v2`.
    var modelName: String { get }

    /// The length of every vector this embedder returns.
    var dimension: Int { get }

    /// Embeds texts, one vector per text, in the order given.
    ///
    /// Safe to call concurrently. An empty array returns an empty array.
    /// - Parameter texts: the texts; any length (long texts are truncated by the model).
    /// - Returns: `texts.count` vectors of ``dimension`` numbers each.
    /// - Throws: an error naming what failed, e.g. ``EmbeddingError``; `CancellationError` or an
    ///   ``EmbeddingError`` with code `cancelled` when the calling task is cancelled.
    func embed(_ texts: [String]) async throws -> [[Float]]
}

extension Embedder {
    /// Embeds one text.
    /// - Parameter text: the text.
    /// - Returns: its vector of ``dimension`` numbers.
    public func embed(_ text: String) async throws -> [Float] {
        let vectors = try await embed([text])
        guard let vector = vectors.first else {
            throw EmbeddingError(.invalidInput, "the embedder returned no vector for one text")
        }
        return vector
    }
}
