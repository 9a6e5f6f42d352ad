/// Publishes normalised events to the queue. `fte serve` answers a channel with 2xx only after
/// `publish` returned: the event is durable (Kafka delivery report received, or the PostgreSQL
/// insert committed).
public protocol EventPublisher: Sendable {
    /// Publishes one event and returns once it is durable.
    /// - Throws: `QueueError.unavailable` when the queue cannot take it now (the caller answers
    ///   so that the sender retries), `QueueError.rejected` when it never will.
    func publish(_ event: IncomingEvent) async throws

    /// Checks that the queue can take events now (for `/ready`).
    func checkReady() async throws

    /// Waits for outstanding events to become durable, then releases the queue's resources.
    func shutdown() async
}

/// Why an event could not be queued.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The queue is unreachable or timed out: retry later.
    case unavailable(String)
    /// The queue refused this event (too large, malformed): retrying will not help.
    case rejected(String)

    public var description: String {
        switch self {
        case .unavailable(let why): "the queue is unavailable: \(why)"
        case .rejected(let why): "the queue rejected the event: \(why)"
        }
    }
}
