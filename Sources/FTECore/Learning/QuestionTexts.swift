import Foundation

/// The cleaned text of each recorded question (``Question/text(content:subject:knownNames:)``),
/// kept in `question_texts` (migration 32) with the cleaner's ``QuestionText/version``: the
/// worker stores it as it records a question, and a report stores the ones it had to clean, so
/// reports read thousands of questions' texts instead of cleaning them every run.
public struct QuestionTexts: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores `texts` (message id, cleaned text; an empty text: nothing to ask) in batches of
    /// 1,000, replacing a text an older cleaner stored.
    public func store(_ texts: [(messageID: UUID, text: String)]) async throws {
        for start in stride(from: 0, to: texts.count, by: 1_000) {
            let batch = texts[start..<min(start + 1_000, texts.count)]
            try await database.execute(
                """
                INSERT INTO question_texts (message_id, cleaner, text)
                SELECT message_id, \(QuestionText.version), text
                FROM unnest(\(batch.map { $0.messageID })::uuid[], \(batch.map { $0.text })::text[]) AS t(message_id, text)
                ON CONFLICT (message_id) DO UPDATE SET cleaner = excluded.cleaner, text = excluded.text, created_at = now()
                """)
        }
    }
}
