import Foundation

/// How well the knowledge base already answers questions: for each question vector, the cosine
/// similarity of the nearest passage (the HNSW index of `fte kb`), in one statement.
public struct KnowledgeCoverage: Sendable {
    let database: Database
    /// The embedder the vectors came from; the knowledge base must have been embedded by it.
    let modelName: String
    let dimension: Int

    public init(database: Database, modelName: String, dimension: Int) {
        self.database = database
        self.modelName = modelName
        self.dimension = dimension
    }

    /// The best passage's similarity for each of `vectors`, in order; `nil` when the knowledge
    /// base is empty.
    /// - Throws: ``KnowledgeError`` `embedderMismatch` when the knowledge base was embedded by
    ///   another model.
    public func bestSimilarity(_ vectors: [[Float]]) async throws -> [Double?] {
        guard !vectors.isEmpty else { return [] }
        guard let identity = try await KnowledgeStore(database: database).embedder() else {
            return vectors.map { _ in nil }
        }
        guard identity.model == modelName, identity.dimension == dimension else {
            throw KnowledgeError(
                code: .embedderMismatch,
                message: "the knowledge base was embedded with \(identity.model) (\(identity.dimension) dimensions), not \(modelName); configure that embedder or run `fte kb reindex`")
        }
        // The dimension (an Int) matches the expression index `fte kb` creates. Each question's
        // text is cast to a vector once (the array cast), not once per passage compared: parsing
        // 384 numbers per comparison made 150 questions against 234 passages take 3.5-11 s.
        let typed = SQLQuery(unsafeSQL: "::vector(\(dimension))")
        var result: [Double?] = []
        for start in stride(from: 0, to: vectors.count, by: 500) {
            let batch = vectors[start..<min(start + 500, vectors.count)].map { PGVector($0).postgresText }
            let rows = try await database.query(
                """
                SELECT (SELECT 1 - (c.embedding\(fragment: typed) <=> u.vector)
                        FROM kb_chunks c ORDER BY c.embedding\(fragment: typed) <=> u.vector LIMIT 1)::float8 AS similarity
                FROM unnest(\(batch)::text[]\(fragment: typed)[]) WITH ORDINALITY AS u(vector, position)
                ORDER BY u.position
                """)
            result += try rows.map { try $0.decode("similarity", as: Double?.self) }
        }
        return result
    }
}
