/// Group commit: items written concurrently share one statement (and so one commit), run on up
/// to `maxConcurrentBatches` connections at once. Each caller still returns only after its own
/// item is committed. A batch that fails on its data (a class 22/23 error) is retried item by
/// item, so one bad item never fails the others.
///
/// ```swift
/// let deletes = StatementBatcher<Int64>(database: db) { ids in "DELETE FROM t WHERE id = ANY(\(ids))" }
/// try await deletes.run(42)
/// ```
actor StatementBatcher<Item: Sendable> {
    private struct Waiting {
        var item: Item
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let database: Database
    private let maxBatchSize: Int
    private let maxConcurrentBatches: Int
    private let statement: @Sendable ([Item]) -> SQLQuery
    private var waiting: [Waiting] = []
    private var runningBatches = 0

    /// - Parameter statement: the one statement that writes a non-empty batch of items.
    init(
        database: Database, maxBatchSize: Int = 256, maxConcurrentBatches: Int = 4,
        statement: @escaping @Sendable ([Item]) -> SQLQuery
    ) {
        self.database = database
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxConcurrentBatches = max(1, maxConcurrentBatches)
        self.statement = statement
    }

    /// Writes `item`, returning once it is committed.
    func run(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(item: item, continuation: continuation))
            if runningBatches < maxConcurrentBatches {
                runningBatches += 1
                Task { await drain() }
            }
        }
    }

    /// Writes what is waiting, batch after batch, until nothing is.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maxBatchSize))
            waiting.removeFirst(batch.count)
            let results = await Self.write(batch.map(\.item), into: database, statement: statement)
            for (entry, result) in zip(batch, results) { entry.continuation.resume(with: result) }
        }
        runningBatches -= 1
    }

    /// One result per item: the whole batch at once, or item by item after a data error.
    private static func write(
        _ items: [Item], into database: Database, statement: @Sendable ([Item]) -> SQLQuery
    ) async -> [Result<Void, any Error>] {
        do {
            try await database.execute(statement(items))
            return items.map { _ in .success(()) }
        } catch let error as DatabaseError where items.count > 1 && error.isDataError {
            var results: [Result<Void, any Error>] = []
            for item in items {
                do {
                    try await database.execute(statement([item]))
                    results.append(.success(()))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        } catch {
            return items.map { _ in .failure(error) }
        }
    }
}
