import Foundation
import Logging
import Synchronization

/// The consumer side of the PostgreSQL queue (`event_queue`).
///
/// Workers lease events with `SELECT … FOR UPDATE SKIP LOCKED`: only the oldest event of each
/// partition key is ever claimable, so one customer's messages are processed in order even
/// across workers. A lease lasts `lease` and is renewed every third of it while the event is
/// being processed, so a slow model never loses it; a worker that dies stops renewing, and the
/// event is handed out again within one lease. New rows wake waiting workers through
/// `LISTEN fte_event_queue`.
public final class PostgresEventSource: EventSource {
    private let database: Database
    private let lease: Duration
    private let wakeup = WakeupSignal()
    private let listener: DatabaseNotificationListener
    private let pollInterval: Duration
    /// Row ids handed out and not yet completed, retried or dead-lettered.
    private let held = Mutex(Set<Int64>())
    private let renewal = Mutex<Task<Void, Never>?>(nil)
    private let closed = Atomic(false)
    /// Completed rows are deleted together: one statement for the events finished meanwhile.
    private let completions: StatementBatcher<Int64>
    private let logger: Logger

    /// - Parameters:
    ///   - lease: how long a handed-out event stays reserved; longer than any processing.
    ///   - pollInterval: the longest wait for new events without a notification.
    public init(database: Database, lease: Duration, pollInterval: Duration = .seconds(1), logger: Logger) {
        self.database = database
        self.lease = lease
        self.pollInterval = pollInterval
        self.logger = logger
        completions = StatementBatcher(database: database, maxConcurrentBatches: 2) { ids in
            "DELETE FROM event_queue WHERE id = ANY(\(ids))"
        }
        let wakeup = wakeup
        listener = DatabaseNotificationListener(
            configuration: database.configuration, channels: ["fte_event_queue"], logger: logger
        ) { wakeup.signal() }
    }

    public func next(limit: Int) async throws -> [ReceivedEvent] {
        startRenewingLeases()
        let claimed = try await claim(limit: limit)
        guard claimed.isEmpty else { return claimed }
        await wakeup.wait(upTo: pollInterval)
        return try await claim(limit: limit)
    }

    public func complete(_ event: ReceivedEvent) async throws {
        try await completions.run(try release(event))
        wakeup.signal()
    }

    public func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws {
        try await database.execute(
            """
            UPDATE event_queue SET claimed_until = now() + \(Self.interval(delay))::interval, last_error = \(error)
            WHERE id = \(try release(event))
            """)
    }

    public func deadLetter(_ event: ReceivedEvent, error: String) async throws {
        let id = try release(event)
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
        closed.store(true, ordering: .releasing)
        renewal.withLock { $0?.cancel() }
        await listener.stop()
    }

    /// Ready until ``close()``; the database itself is checked by the caller.
    public func checkReady() async throws {
        if closed.load(ordering: .acquiring) { throw QueueError.unavailable("the PostgreSQL queue consumer is closed") }
    }

    /// Events in the queue (waiting, retrying or being processed) and the oldest one's age.
    public func backlog() async throws -> QueueBacklog? {
        let row = try await database.query(
            """
            SELECT count(*) AS depth,
                   coalesce(extract(epoch FROM now() - min(enqueued_at)), 0)::float8 AS oldest_age
            FROM event_queue
            """).first
        return .postgres(
            depth: try row?.decode("depth", as: Int.self) ?? 0,
            oldestAgeSeconds: try row?.decode("oldest_age", as: Double.self) ?? 0)
    }

    /// Extends the leases of the events in hand every third of a lease, until ``close()``.
    private func startRenewingLeases() {
        renewal.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self, lease] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: lease / 3)
                    await self?.renewLeases()
                }
            }
        }
    }

    private func renewLeases() async {
        let ids = held.withLock { Array($0) }
        guard !ids.isEmpty else { return }
        let list = ids.map(String.init).joined(separator: ",")
        do {
            try await database.execute(
                """
                UPDATE event_queue SET claimed_until = now() + \(Self.interval(lease))::interval
                WHERE id = ANY(string_to_array(\(list), ',')::bigint[])
                """)
        } catch {
            logger.warning("could not renew event leases; they run out unless renewed later", metadata: ["error": "\(error)"])
        }
    }

    /// Forgets that `event` is held (no more renewals) and returns its row id.
    private func release(_ event: ReceivedEvent) throws -> Int64 {
        let id = try Self.rowID(event)
        _ = held.withLock { $0.remove(id) }
        return id
    }

    /// Leases up to `limit` events: the oldest of each partition key, when no lease on it runs.
    ///
    /// The queue is read in id order and stops after `limit` finds: each candidate costs one
    /// probe of `(partition_key, id)` for an older event of its customer, so a claim reads about
    /// as many rows as are in flight plus `limit`, however long the queue is.
    private func claim(limit: Int) async throws -> [ReceivedEvent] {
        guard limit > 0 else { return [] }
        let rows = try await database.query(
            """
            WITH ready AS (
                SELECT q.id FROM event_queue q
                WHERE (q.claimed_until IS NULL OR q.claimed_until < now())
                  AND NOT EXISTS (SELECT 1 FROM event_queue older
                                  WHERE older.partition_key = q.partition_key AND older.id < q.id)
                ORDER BY q.id LIMIT \(limit)
                FOR UPDATE OF q SKIP LOCKED
            )
            UPDATE event_queue q SET claimed_until = now() + \(Self.interval(lease))::interval, attempts = q.attempts + 1
            WHERE q.id = ANY (ARRAY(SELECT id FROM ready))
            RETURNING q.id, q.partition_key, q.payload::text AS payload, q.attempts
            """)
        let events = try rows.map { row in
            ReceivedEvent(
                receipt: .row(try row.decode("id")), partitionKey: try row.decode("partition_key"),
                payload: Array(try row.decode("payload", as: String.self).utf8), attempt: try row.decode("attempts"))
        }.sorted { $0.receipt.rowID < $1.receipt.rowID }
        held.withLock { held in events.forEach { held.insert($0.receipt.rowID) } }
        return events
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
