/// A queue `fte work` consumes: the PostgreSQL queue table or a Kafka consumer group.
///
/// Events of one customer (one partition key) are handed out one at a time, in order: the next
/// one only after the previous was completed, dead-lettered or its retry came due.
public protocol EventSource: Sendable {
    /// Returns up to `limit` events ready to process, waiting a little (about a second) when
    /// none is; an empty array lets the caller check whether it should stop.
    func next(limit: Int) async throws -> [ReceivedEvent]

    /// The event is processed: it is never handed out again.
    func complete(_ event: ReceivedEvent) async throws

    /// Processing failed; hand the event out again after `delay` (its customer's later events wait).
    func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws

    /// The event failed for good: move it, with `error`, to the dead letters (`fte.dlq`).
    func deadLetter(_ event: ReceivedEvent, error: String) async throws

    /// Stops consuming; events handed out and not completed will be handed out again later.
    func close() async

    /// Throws, saying why, unless the source is consuming: on Kafka, until the consumer has
    /// joined its group, and after ``close()``.
    func checkReady() async throws

    /// The queue's backlog now, for metrics; `nil` when the source cannot tell.
    func backlog() async throws -> QueueBacklog?
}

/// One event handed out by an ``EventSource``.
public struct ReceivedEvent: Sendable, Equatable {
    /// Where the source keeps it: the queue row id, or the Kafka partition and offset.
    public enum Receipt: Sendable, Hashable {
        case row(Int64)
        case offset(partition: Int32, offset: Int64)
    }

    public var receipt: Receipt
    /// The customer's normalised address the queue orders by.
    public var partitionKey: String
    /// The queue message value: an ``IncomingEvent`` in JSON, or whatever a faulty producer sent.
    public var payload: [UInt8]
    /// How many times it was handed out, this time included.
    public var attempt: Int

    public init(receipt: Receipt, partitionKey: String, payload: [UInt8], attempt: Int) {
        self.receipt = receipt
        self.partitionKey = partitionKey
        self.payload = payload
        self.attempt = attempt
    }
}
