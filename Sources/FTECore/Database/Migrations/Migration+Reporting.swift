extension Migration {
    /// What `fte report` reads that the CRM did not keep: the duration of each model call with
    /// the reply it served (calls and latency per model), the embeddings of customers' questions
    /// (computed once, for grouping knowledge gaps and learning candidates), and block-range
    /// indexes on the times every figure filters by (tiny, cheap to keep: rows arrive in time
    /// order, so a day's rows sit in a few block ranges).
    static let reporting = Migration(
        version: 19, name: "reporting",
        sql: """
            ALTER TABLE messages ADD COLUMN model_call_ms integer[];
            CREATE INDEX messages_created_brin ON messages USING brin (created_at);
            CREATE INDEX tickets_created_brin ON tickets USING brin (created_at);
            CREATE INDEX escalations_created_brin ON escalations USING brin (created_at);

            -- The embedding of an inbound message's cleaned question text, by embedder; the
            -- text's SHA-256 tells when a better cleaner changed the text (then it is embedded again).
            CREATE TABLE question_vectors (
                message_id uuid PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
                embed_model text NOT NULL,
                text_sha256 text NOT NULL,
                embedding vector NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """)
}
