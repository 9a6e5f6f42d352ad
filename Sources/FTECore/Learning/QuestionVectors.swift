import Crypto
import Foundation

/// The embeddings of questions, computed once: read from `question_vectors` when stored for
/// the same text by the same embedder, else embedded (each distinct text once, in batches) and
/// stored for next time.
public struct QuestionVectors: Sendable {
    let database: Database
    let embedder: any Embedder
    /// Texts embedded per call of the embedder (and per progress report).
    public var batchSize = 256

    public init(database: Database, embedder: any Embedder) {
        self.database = database
        self.embedder = embedder
    }

    /// The embedder's name, stored beside its vectors.
    public var modelName: String { embedder.modelName }
    /// The vectors' length.
    public var dimension: Int { embedder.dimension }

    /// A unit-length vector for each question, in order.
    /// - Parameter progress: called after each batch with (texts embedded, texts to embed).
    public func vectors(
        for questions: [Question], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> [[Float]] {
        guard !questions.isEmpty else { return [] }
        let hashes = questions.map { Self.sha256($0.text) }
        let hashByID = Dictionary(zip(questions.map(\.messageID), hashes)) { first, _ in first }
        var stored: [UUID: [Float]] = [:]
        for chunk in stride(from: 0, to: questions.count, by: 5_000).map({ Array(questions[$0..<min($0 + 5_000, questions.count)]) }) {
            let rows = try await database.query(
                """
                SELECT q.message_id, vector_send(q.embedding) AS embedding, q.text_sha256 FROM question_vectors q
                WHERE q.message_id = ANY(\(chunk.map(\.messageID))::uuid[]) AND q.embed_model = \(embedder.modelName)
                """)
            for row in rows {
                let id: UUID = try row.decode("message_id")
                guard try row.decode("text_sha256", as: String.self) == hashByID[id] else { continue }
                stored[id] = try row.decode("embedding", as: PGVector.self).values
            }
        }
        var byText: [String: [Float]] = [:]
        let missing = Array(Set(questions.indices.filter { stored[questions[$0].messageID] == nil }.map { questions[$0].text })).sorted()
        var done = 0
        for start in stride(from: 0, to: missing.count, by: batchSize) {
            let batch = Array(missing[start..<min(start + batchSize, missing.count)])
            let vectors = try await embedder.embed(batch)
            for (text, vector) in zip(batch, vectors) { byText[text] = Self.normalised(vector) }
            done += batch.count
            progress?(done, missing.count)
        }
        let fresh = questions.indices.filter { stored[questions[$0].messageID] == nil }
        try await store(fresh.map { (questions[$0].messageID, hashes[$0], byText[questions[$0].text]!) })
        return questions.map { stored[$0.messageID].map(Self.normalised) ?? byText[$0.text]! }
    }

    /// Saves vectors in batches of 1,000 rows (a later cleaner's text replaces an older one's).
    private func store(_ rows: [(UUID, String, [Float])]) async throws {
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            let batch = rows[start..<min(start + 1_000, rows.count)]
            try await database.execute(
                """
                INSERT INTO question_vectors (message_id, embed_model, text_sha256, embedding)
                SELECT * FROM unnest(\(batch.map(\.0))::uuid[], \(Array(repeating: embedder.modelName, count: batch.count))::text[],
                                     \(batch.map(\.1))::text[], \(batch.map { PGVector($0.2).postgresText })::vector[])
                ON CONFLICT (message_id) DO UPDATE
                SET embed_model = excluded.embed_model, text_sha256 = excluded.text_sha256, embedding = excluded.embedding,
                    created_at = now()
                """)
        }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `vector` scaled to length 1 (cosine similarity becomes a dot product).
    static func normalised(_ vector: [Float]) -> [Float] {
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? vector.map { $0 / length } : vector
    }
}
