import Foundation

/// The single-machine queue backend: an event is durable once its row in `event_queue` is
/// committed. Concurrent publishes share transactions: one multi-row `INSERT` (group commit, see
/// ``StatementBatcher``). A redelivered channel message (same channel and channel message
/// id) that is still waiting is not queued twice.
public struct PostgresEventPublisher: EventPublisher {
    private let database: Database
    private let batcher: StatementBatcher<Row>

    /// One `event_queue` row.
    struct Row: Sendable {
        var eventID: UUID
        var channel: String
        var channelMessageID: String
        var partitionKey: String
        var payload: String
    }

    /// - Parameter maxConcurrentBatches: connections inserting at once (keep below the pool size).
    public init(database: Database, maxConcurrentBatches: Int = 4) {
        self.database = database
        batcher = StatementBatcher(database: database, maxConcurrentBatches: maxConcurrentBatches, statement: Self.insert)
    }

    public func publish(_ event: IncomingEvent) async throws {
        let row = Row(
            eventID: event.eventID, channel: event.channel.rawValue, channelMessageID: event.channelMessageID,
            partitionKey: event.partitionKey, payload: String(decoding: try event.encoded(), as: UTF8.self))
        do {
            try await batcher.run(row)
        } catch let error as DatabaseError {
            // Data errors will fail again; anything else (connection, timeout, shutdown, disk
            // full) may pass on a retry.
            throw error.isDataError
                ? QueueError.rejected(error.description) : QueueError.unavailable(error.description)
        }
    }

    public func checkReady() async throws {
        do {
            try await database.query("SELECT 1 FROM event_queue LIMIT 1")
        } catch let error as DatabaseError {
            throw QueueError.unavailable(error.description)
        }
    }

    /// Nothing to flush: every published event is already committed.
    public func shutdown() async {}

    /// One `INSERT` of `rows`; a channel message already waiting is not queued again.
    private static func insert(_ rows: [Row]) -> SQLQuery {
        var query: SQLQuery = "INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload) VALUES "
        for (index, row) in rows.enumerated() {
            if index > 0 { query.append(", ") }
            query.append(
                "(\(row.eventID), \(row.channel), \(row.channelMessageID), \(row.partitionKey), \(row.payload)::jsonb)")
        }
        query.append(" ON CONFLICT DO NOTHING")
        return query
    }
}
