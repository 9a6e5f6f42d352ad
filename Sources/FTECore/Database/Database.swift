import Logging

/// The PostgreSQL client: a pool of libpq connections, leased through closures.
///
/// ```swift
/// let db = try Database(configuration: .init(url: url), logger: logger)
/// let rows = try await db.query("SELECT id FROM tickets WHERE status = \(status)")
/// try await db.withTransaction { conn in
///     try await conn.execute("UPDATE tickets SET status = 'resolved' WHERE id = \(id)")
/// }
/// await db.close()
/// ```
///
/// Blocking libpq calls run on the client's own threads, never on Swift's cooperative pool.
/// After a server restart, dead idle connections are replaced transparently.
public final class Database: Sendable {
    /// The configuration this client was created with.
    public let configuration: DatabaseConfiguration
    private let pool: ConnectionPool
    private let executor: BlockingExecutor
    private let logger: Logger

    /// Creates a client. Connections are opened on first use.
    public init(configuration: DatabaseConfiguration, logger: Logger = Logger(label: "fte.database")) {
        self.configuration = configuration
        self.logger = logger
        executor = BlockingExecutor(threads: configuration.maxConnections)
        pool = ConnectionPool(configuration: configuration, executor: executor)
    }

    /// Leases a connection for the duration of `body`.
    @discardableResult
    public func withConnection<R: Sendable>(
        _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        let leased = try await pool.lease()
        do {
            let result = try await body(DatabaseConnection(connection: leased, executor: executor))
            await pool.release(leased)
            return result
        } catch {
            await pool.release(leased)
            throw error
        }
    }

    /// Runs `body` inside a transaction: committed when it returns, rolled back when it throws.
    ///
    /// `BEGIN` is sent with the body's first statement, in the same round trip; a body that
    /// runs no statement costs none. When the connection turns out to be dead on that first
    /// round trip (the server restarted since it was last used), nothing of the transaction
    /// reached the server, and `body` runs once more from its start on a fresh connection.
    @discardableResult
    public func withTransaction<R: Sendable>(
        _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await withConnection { connection in
                    connection.connection.beginLazily()
                    let result: R
                    do {
                        result = try await body(connection)
                    } catch {
                        if connection.connection.lostAtBegin { throw LostAtBegin(underlying: error) }
                        try? await connection.endTransaction(committing: false)
                        throw TransactionBodyError(underlying: error)
                    }
                    try await connection.endTransaction(committing: true)
                    return result
                }
            } catch let failure as TransactionBodyError {
                throw failure.underlying
            } catch let lost as LostAtBegin {
                guard attempts == 1 else { throw lost.underlying }
                logger.debug("connection lost at BEGIN; retrying on a fresh connection")
            }
        }
    }

    /// Runs one statement in its own transaction and returns its rows. A statement that fails
    /// because its connection died is retried once on a fresh connection.
    @discardableResult
    public func query(_ query: SQLQuery) async throws -> [DatabaseRow] {
        try await retryingOnLostConnection { try await $0.query(query) }
    }

    /// Runs one statement and decodes each row.
    public func query<T: DatabaseRowDecodable>(_ type: T.Type, _ query: SQLQuery) async throws -> [T] {
        try await retryingOnLostConnection { try await $0.query(type, query) }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await retryingOnLostConnection { try await $0.execute(query) }
    }

    /// Checks that the server answers (`SELECT 1`).
    public func ping() async throws {
        try await query("SELECT 1")
    }

    /// Closes idle connections and stops the client's threads.
    public func close() async {
        await pool.close()
        await executor.shutdown()
    }

    private func retryingOnLostConnection<R: Sendable>(
        _ body: (DatabaseConnection) async throws -> R
    ) async throws -> R {
        do {
            return try await withConnection(body)
        } catch let error as DatabaseError where error.code == .connectionLost {
            logger.debug("connection lost; retrying once on a fresh connection")
            return try await withConnection(body)
        }
    }
}

/// Marks an error thrown by a transaction's body, so it is never mistaken for a failed BEGIN.
private struct TransactionBodyError: Error {
    let underlying: any Error
}

/// The connection broke on the round trip that carried the transaction's `BEGIN`.
private struct LostAtBegin: Error {
    let underlying: any Error
}
