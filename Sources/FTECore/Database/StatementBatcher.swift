import Foundation

/// Group commit for the PostgreSQL queue: events published concurrently are inserted together,
/// one multi-row `INSERT` per transaction, on up to `maxConcurrentBatches` connections at once.
/// Each publisher still returns only after its own row is committed. A batch that fails on its
/// data (a class 22/23 error) is retried row by row, so one bad event never fails the others.
actor EventInsertBatcher {
    struct Row: Sendable {
        var eventID: UUID
        var channel: String
        var channelMessageID: String
        var partitionKey: String
        var payload: String
    }

    private struct Waiting {
        var row: Row
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let database: Database
    private let maxBatchSize: Int
    private let maxConcurrentBatches: Int
    private var waiting: [Waiting] = []
    private var runningBatches = 0

    init(database: Database, maxBatchSize: Int = 256, maxConcurrentBatches: Int = 4) {
        self.database = database
        self.maxBatchSize = maxBatchSize
        self.maxConcurrentBatches = maxConcurrentBatches
    }

    /// Inserts `row`, returning once it is committed.
    func insert(_ row: Row) async throws {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(row: row, continuation: continuation))
            if runningBatches < maxConcurrentBatches {
                runningBatches += 1
                Task { await drain() }
            }
        }
    }

    /// Inserts what is waiting, batch after batch, until nothing is.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maxBatchSize))
            waiting.removeFirst(batch.count)
            let results = await Self.insert(batch.map(\.row), into: database)
            for (entry, result) in zip(batch, results) { entry.continuation.resume(with: result) }
        }
        runningBatches -= 1
    }

    /// One result per row: the whole batch at once, or row by row after a data error.
    private static func insert(_ rows: [Row], into database: Database) async -> [Result<Void, any Error>] {
        do {
            try await database.execute(statement(for: rows))
            return rows.map { _ in .success(()) }
        } catch let error as DatabaseError where rows.count > 1 && error.isDataError {
            var results: [Result<Void, any Error>] = []
            for row in rows {
                do {
                    try await database.execute(statement(for: [row]))
                    results.append(.success(()))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        } catch {
            return rows.map { _ in .failure(error) }
        }
    }

    private static func statement(for rows: [Row]) -> SQLQuery {
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
