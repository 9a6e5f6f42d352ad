/// Hands out up to `maxConnections` libpq connections, one task at a time each.
///
/// Idle connections are checked without a round trip before reuse (see
/// ``PQConnection/isAlive()``), so a server restart costs no failed request: dead connections are
/// dropped and replaced. Waiters are served first come, first served, and give up after the
/// lease timeout.
actor ConnectionPool {
    private let configuration: DatabaseConfiguration
    private let executor: BlockingExecutor
    private var idle: [PQConnection] = []
    private var openCount = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<PQConnection?, any Error>)] = []
    private var nextWaiterID = 0
    private var isClosed = false

    init(configuration: DatabaseConfiguration, executor: BlockingExecutor) {
        self.configuration = configuration
        self.executor = executor
    }

    /// Returns a live connection, opening one if the pool has room, else waiting for one.
    func lease() async throws -> PQConnection {
        while true {
            guard !isClosed else { throw DatabaseError(.closed, "the database client is closed") }
            if let connection = idle.popLast() {
                if connection.isAlive() { return connection }
                openCount -= 1  // dropped: the server closed it
                continue
            }
            if openCount < configuration.maxConnections {
                openCount += 1
                do {
                    let (parameters, capacity) = (configuration.connectionParameters, configuration.statementCacheCapacity)
                    return try await executor.run {
                        try PQConnection.connect(parameters: parameters, statementCacheCapacity: capacity)
                    }
                } catch {
                    openCount -= 1
                    throw error
                }
            }
            if let connection = try await waitForRelease() { return connection }
        }
    }

    /// Returns a connection. A broken one, or one left inside a transaction, is closed.
    func release(_ connection: PQConnection) {
        guard !isClosed, connection.isIdle else {
            openCount -= 1
            wakeOneWaiter(with: nil)
            return
        }
        connection.idleSince = .now
        if !waiters.isEmpty {
            wakeOneWaiter(with: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Closes idle connections and fails waiters; leased connections close when released.
    func close() {
        isClosed = true
        openCount -= idle.count
        idle.removeAll()
        let pending = waiters
        waiters.removeAll()
        for waiter in pending {
            waiter.continuation.resume(throwing: DatabaseError(.closed, "the database client is closed"))
        }
    }

    /// Counts for diagnostics and tests.
    var statistics: (open: Int, idle: Int, waiting: Int) { (openCount, idle.count, waiters.count) }

    // MARK: - Waiting

    /// Waits until a connection is released (returns it) or a slot frees up (returns nil).
    private func waitForRelease() async throws -> PQConnection? {
        let id = nextWaiterID
        nextWaiterID += 1
        let timeout = configuration.leaseTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.expireWaiter(id)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func wakeOneWaiter(with connection: PQConnection?) {
        guard !waiters.isEmpty else { return }
        waiters.removeFirst().continuation.resume(returning: connection)
    }

    private func expireWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(
            throwing: DatabaseError(
                .poolTimeout,
                "no database connection became free within \(configuration.leaseTimeout) (pool of \(configuration.maxConnections))"
            ))
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
