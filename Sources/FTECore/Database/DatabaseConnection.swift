/// A connection leased from the pool for the duration of a closure.
///
/// - Warning: Do not let it escape the closure that received it; the pool hands it to another
///   task once the closure returns.
public final class DatabaseConnection: Sendable {
    let connection: PQConnection
    private let executor: BlockingExecutor

    init(connection: PQConnection, executor: BlockingExecutor) {
        self.connection = connection
        self.executor = executor
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    public func query(_ query: SQLQuery) async throws -> [DatabaseRow] {
        try await run(query).rows
    }

    /// Runs a statement and decodes each row.
    public func query<T: DatabaseRowDecodable>(_ type: T.Type, _ query: SQLQuery) async throws -> [T] {
        try await run(query).rows.map(T.init(row:))
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await run(query).affectedRows
    }

    /// Runs `queries` in one round trip: sent together, run by the server in order, each as its
    /// own statement, and answered together (libpq's pipeline mode). Returns each one's rows.
    ///
    /// When one fails, the server skips the rest and its error is thrown. Outside a transaction
    /// they form one implicit transaction. Inside ``Database/withTransaction(_:)`` a last
    /// `"COMMIT"` ends the transaction in the same round trip (the body must then run nothing
    /// more).
    @discardableResult
    public func pipeline(_ queries: [SQLQuery]) async throws -> [[DatabaseRow]] {
        let statements = queries.map(\.rendered)
        let connection = connection
        return try await executor.run { try connection.executePipeline(statements) }.map(\.rows)
    }

    /// Runs a script of several statements with no parameters (migrations, DDL).
    public func executeScript(unsafeSQL sql: String) async throws {
        let connection = connection
        _ = try await executor.run { try connection.executeScript(sql) }
    }

    /// Commits or rolls back the transaction ``Database/withTransaction(_:)`` opened, unless
    /// it is already over or never reached the server.
    func endTransaction(committing: Bool) async throws {
        let connection = connection
        guard !connection.endTransactionWithoutStatement() else { return }
        try await executor.run { try connection.endTransaction(committing: committing) }
    }

    private func run(_ query: SQLQuery) async throws -> QueryResult {
        let ((sql, binds), connection) = (query.rendered, connection)
        return try await executor.run { try connection.execute(sql, binds: binds) }
    }
}
