/// How far a worker's queue is behind, as an ``EventSource`` measures it.
public enum QueueBacklog: Sendable, Equatable {
    /// The PostgreSQL queue: events waiting (retries and those being processed included) and the
    /// age of the oldest, in seconds (0 when the queue is empty).
    case postgres(depth: Int, oldestAgeSeconds: Double)
    /// A Kafka consumer: per assigned partition, records after the group's committed offset.
    case kafka(lag: [KafkaPartition: Int64])
}

extension EventSource {
    /// Ready unless the source says otherwise.
    public func checkReady() async throws {}

    /// No backlog measurement unless the source has one.
    public func backlog() async throws -> QueueBacklog? { nil }
}
