extension Migration {
    /// How long a reply waited for the model, apart from its whole latency: the worker's own
    /// processing time is `latency_ms - model_latency_ms` (`fte ticket show` prints both).
    static let modelLatency = Migration(
        version: 10, name: "model_latency",
        sql: """
            ALTER TABLE messages ADD COLUMN model_latency_ms integer CHECK (model_latency_ms >= 0);
            """)
}
