/// The single-machine queue backend: an event is durable once its row in `event_queue` is
/// committed. A redelivered channel message (same channel and channel message id) that is
/// still waiting is not queued twice.
public struct PostgresEventPublisher: EventPublisher {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func publish(_ event: IncomingEvent) async throws {
        let payload = String(decoding: try event.encoded(), as: UTF8.self)
        do {
            try await database.execute(
                """
                INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload)
                VALUES (\(event.eventID), \(event.channel.rawValue), \(event.channelMessageID),
                        \(event.partitionKey), \(payload)::jsonb)
                ON CONFLICT DO NOTHING
                """)
        } catch let error as DatabaseError {
            // Data exceptions (class 22) and constraint violations (23) will fail again; anything
            // else (connection, timeout, shutdown, disk full) may pass on a retry.
            let dataClass = error.sqlState.map { $0.hasPrefix("22") || $0.hasPrefix("23") } ?? false
            throw dataClass ? QueueError.rejected(error.description) : QueueError.unavailable(error.description)
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
}
