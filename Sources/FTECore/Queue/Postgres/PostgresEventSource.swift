import Foundation
import Logging

/// The consumer side of the PostgreSQL queue (`event_queue`).
///
/// Workers lease events with `SELECT … FOR UPDATE SKIP LOCKED`: only the oldest event of each
/// partition key is ever claimable, so one customer's messages are processed in order even
/// across workers. A lease lasts `lease`; a worker that dies lets it run out and the event is
/// handed out again. New rows wake waiting workers through `LISTEN fte_event_queue`.
public final class PostgresEventSource: EventSource {
    private let database: Database
    private let lease: Duration
    private let wakeup = WakeupSignal()
    private let listener: DatabaseNotificationListener
    private let pollInterval: Duration

    /// - Parameters:
    ///   - lease: how long a handed-out event stays reserved; longer than any processing.
    ///   - pollInterval: the longest wait for new events without a notification.
    public init(database: Database, lease: Duration, pollInterval: Duration = .seconds(1), logger: Logger) {
        self.database = database
        self.lease = lease
        self.pollInterval = pollInterval
        let wakeup = wakeup
        listener = DatabaseNotificationListener(
            configuration: database.configuration, channels: ["fte_event_queue"], logger: logger
        ) { wakeup.signal() }
    }

    public func next(limit: Int) async throws -> [ReceivedEvent] {
        let claimed = try await claim(limit: limit)
        guard claimed.isEmpty else { return claimed }
        await wakeup.wait(upTo: pollInterval)
        return try await claim(limit: limit)
    }

    public func complete(_ event: ReceivedEvent) async throws {
        try await database.execute("DELETE FROM event_queue WHERE id = \(try Self.rowID(event))")
        wakeup.signal()
    }

    public func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws {
        try await database.execute(
            """
            UPDATE event_queue SET claimed_until = now() + \(Self.interval(delay))::interval, last_error = \(error)
            WHERE id = \(try Self.rowID(event))
            """)
    }

    public func deadLetter(_ event: ReceivedEvent, error: String) async throws {
        let id = try Self.rowID(event)
        try await database.withTransaction { connection in
            try await connection.execute(
                """
                INSERT INTO event_dead_letters
                    (event_id, channel, channel_message_id, partition_key, payload, error, attempts, source)
                SELECT event_id, channel, channel_message_id, partition_key, payload::text, \(error), attempts, 'postgres'
                FROM event_queue WHERE id = \(id)
                """)
            try await connection.execute("DELETE FROM event_queue WHERE id = \(id)")
        }
        wakeup.signal()
    }

    public func close() async {
        await listener.stop()
    }

    /// Leases up to `limit` events: the oldest of each partition key, when no lease on it runs.
    private func claim(limit: Int) async throws -> [ReceivedEvent] {
        guard limit > 0 else { return [] }
        let rows = try await database.query(
            """
            WITH heads AS (
                SELECT DISTINCT ON (partition_key) id FROM event_queue ORDER BY partition_key, id
            ), ready AS (
                SELECT q.id FROM event_queue q JOIN heads USING (id)
                WHERE q.claimed_until IS NULL OR q.claimed_until < now()
                ORDER BY q.id LIMIT \(limit)
                FOR UPDATE OF q SKIP LOCKED
            )
            UPDATE event_queue q SET claimed_until = now() + \(Self.interval(lease))::interval, attempts = q.attempts + 1
            FROM ready WHERE q.id = ready.id
            RETURNING q.id, q.partition_key, q.payload::text AS payload, q.attempts
            """)
        return try rows.map { row in
            ReceivedEvent(
                receipt: .row(try row.decode("id")), partitionKey: try row.decode("partition_key"),
                payload: Array(try row.decode("payload", as: String.self).utf8), attempt: try row.decode("attempts"))
        }.sorted { $0.receipt.rowID < $1.receipt.rowID }
    }

    private static func rowID(_ event: ReceivedEvent) throws -> Int64 {
        guard case .row(let id) = event.receipt else {
            throw QueueError.rejected("not an event of the PostgreSQL queue: \(event.receipt)")
        }
        return id
    }

    /// A PostgreSQL interval literal in milliseconds.
    private static func interval(_ duration: Duration) -> String {
        "\(max(0, duration.wholeMilliseconds)) milliseconds"
    }
}

extension ReceivedEvent.Receipt {
    fileprivate var rowID: Int64 {
        if case .row(let id) = self { return id }
        return .max
    }
}
