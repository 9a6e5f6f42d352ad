import Foundation

/// Records the model's reading of an inbound message's sentiment beside the local score
/// (`messages.model_sentiment`, migration 15).
enum ModelSentimentRecord {
    /// Stores `score` (0–1) for the inbound message `messageID`.
    static func store(_ score: Double, for messageID: UUID, in database: Database) async throws {
        _ = try await database.execute(
            "UPDATE messages SET model_sentiment = \(min(max(score, 0), 1)) WHERE id = \(messageID) AND direction = 'inbound'")
    }
}
