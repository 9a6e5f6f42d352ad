extension Migration {
    /// The model's own reading of an inbound message's sentiment (0–1), beside the local score in
    /// `sentiment`: both are recorded so they can be compared (`fte ticket show` prints both).
    static let modelSentiment = Migration(
        version: 15, name: "model_sentiment",
        sql: """
            ALTER TABLE messages ADD COLUMN model_sentiment real CHECK (model_sentiment BETWEEN 0 AND 1);
            """)
}
