/// The single-machine queue backend: an event is durable once its row in `event_queue` is
/// committed. Concurrent publishes share transactions (group commit, see
/// ``EventInsertBatcher``). A redelivered channel message (same channel and channel message
/// id) that is still waiting is not queued twice.
public struct PostgresEventPublisher: EventPublisher {
    private let database: Database
    private let batcher: EventInsertBatcher

    /// - Parameter maxConcurrentBatches: connections inserting at once (keep below the pool size).
    public init(database: Database, maxConcurrentBatches: Int = 4) {
        self.database = database
        batcher = EventInsertBatcher(database: database, maxConcurrentBatches: max(1, maxConcurrentBatches))
    }

    public func publish(_ event: IncomingEvent) async throws {
        let row = EventInsertBatcher.Row(
            eventID: event.eventID, channel: event.channel.rawValue, channelMessageID: event.channelMessageID,
            partitionKey: event.partitionKey, payload: String(decoding: try event.encoded(), as: UTF8.self))
        do {
            try await batcher.insert(row)
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
}
