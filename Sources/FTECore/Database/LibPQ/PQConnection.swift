import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Owns one libpq connection (`PGconn *`). Methods that talk to the server block: call them
/// only from a thread of the database thread pool, never from Swift's cooperative pool.
///
/// `@unchecked Sendable`: a connection is used by one task at a time (the pool leases it out
/// exclusively), and each call runs to completion on a pool thread before the next begins.
final class PQConnection: @unchecked Sendable {
    /// libpq's version, e.g. `15.18` (`PQlibVersion`).
    static var libraryVersion: String {
        let v = Int(PQlibVersion())
        return v >= 100_000 ? "\(v / 10_000).\(v % 10_000)" : "\(v / 10_000).\(v / 100 % 100).\(v % 100)"
    }

    /// The libpq connection; only this type and its extensions call libpq with it.
    let handle: OpaquePointer
    private var statements: PreparedStatementCache
    /// When the connection was last returned to the pool.
    var idleSince: ContinuousClock.Instant = .now
    /// A transaction block was opened with ``beginLazily()`` and its `BEGIN` not sent yet.
    private(set) var beginPending = false
    /// The connection broke on the round trip that carried a lazily sent `BEGIN`: nothing of the
    /// transaction reached the server, so the whole transaction may be tried again elsewhere.
    private(set) var lostAtBegin = false

    private init(handle: OpaquePointer, statementCacheCapacity: Int) {
        self.handle = handle
        statements = PreparedStatementCache(capacity: statementCacheCapacity)
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection with libpq keyword/value parameters (`dbname` may be a URL) that
    /// keeps up to `statementCacheCapacity` prepared statements (0: prepares none).
    /// - Throws: ``DatabaseError`` `connectionFailed` with libpq's message, the password of a
    ///   `dbname` URL (which libpq quotes when it cannot parse it) and any `password` masked.
    static func connect(parameters: [(String, String)], statementCacheCapacity: Int = 0) throws -> PQConnection {
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let handle = PQconnectdbParams(&keywordPointers, &valuePointers, 1) else {
            throw DatabaseError(.connectionFailed, "libpq could not allocate a connection")
        }
        let connection = PQConnection(handle: handle, statementCacheCapacity: statementCacheCapacity)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError(
                .connectionFailed, DatabaseURLRedaction.redact(connection.lastErrorMessage, connectionParameters: parameters))
        }
        return connection
    }

    /// libpq's last error message for this connection, first line only. It can quote the
    /// connection URL (``connect(parameters:statementCacheCapacity:)`` redacts it).
    var lastErrorMessage: String {
        guard let cString = PQerrorMessage(handle) else { return "unknown libpq error" }
        let message = String(cString: cString).trimmingWhitespace()
        return message.split(separator: "\n").first.map(String.init) ?? "unknown libpq error"
    }

    /// Whether the connection is open and idle outside a transaction.
    var isIdle: Bool {
        PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Checks, without a round trip and without blocking, that the server has not closed the
    /// connection. A server that shuts a session down sends a FATAL message and then closes the
    /// socket, so the socket polls readable: consume what is there until it would block or
    /// reports the end.
    func isAlive() -> Bool {
        for _ in 0..<8 {
            guard PQstatus(handle) == CONNECTION_OK else { return false }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            if ready == 0 { return true }
            if ready < 0 || descriptor.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return false }
            guard PQconsumeInput(handle) == 1 else { return false }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Opens a transaction block whose `BEGIN` goes out with the next statement, in the same
    /// round trip (see ``executePipeline(_:)``).
    func beginLazily() {
        beginPending = true
        lostAtBegin = false
    }

    /// Ends a transaction block opened with ``beginLazily()`` without a round trip when none is
    /// needed: no statement ran in it, or a statement already ended it (a pipeline ending in
    /// `COMMIT`). Does not block.
    /// - Returns: `false` when `COMMIT` or `ROLLBACK` must still be sent (``endTransaction(committing:)``).
    func endTransactionWithoutStatement() -> Bool {
        guard !beginPending else {
            beginPending = false
            return true
        }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Ends a transaction block opened with ``beginLazily()``: commits it, or rolls it back.
    func endTransaction(committing: Bool) throws {
        guard !endTransactionWithoutStatement() else { return }
        _ = try execute(committing ? "COMMIT" : "ROLLBACK", binds: [])
    }

    /// Runs `statements` in one round trip (see ``pipelined(_:mayRetry:)``); a pending lazy
    /// `BEGIN` (``beginLazily()``) goes first, in the same round trip.
    func executePipeline(_ statements: [Statement]) throws -> [QueryResult] {
        guard beginPending else { return try pipelined(statements, mayRetry: true) }
        beginPending = false
        do {
            return Array(try pipelined([("BEGIN", [])] + statements, mayRetry: false).dropFirst())
        } catch let error as DatabaseError where error.code == .connectionLost {
            lostAtBegin = true
            throw error
        }
    }

    /// Runs one statement with text-format parameters (the extended protocol).
    ///
    /// With a statement cache, the statement is prepared on first use and executed by name
    /// afterwards: the server parses it once and may reuse its plan. A prepared statement the
    /// server no longer accepts (its result type changed under it, or it was deallocated) is
    /// forgotten, and the call retried once when that is safe (outside a transaction).
    func execute(_ sql: String, binds: [String?]) throws -> QueryResult {
        if beginPending { return try executePipeline([(sql, binds)])[0] }
        return try execute(sql, binds: binds, mayRetry: true)
    }

    private func execute(_ sql: String, binds: [String?], mayRetry: Bool) throws -> QueryResult {
        guard let name = try preparedName(for: sql, parameterCount: binds.count) else {
            return try executeUnnamed(sql, binds: binds)
        }
        do {
            return try executePrepared(name, binds: binds)
        } catch let error as DatabaseError where SQLState.invalidatesPreparedStatement.contains(error.sqlState ?? "") {
            // 0A000 is a whole class ("feature not supported"): a statement that raises it on
            // every run is retried once, not forever.
            statements.remove(sql)
            guard mayRetry, PQtransactionStatus(handle) == PQTRANS_IDLE else { throw error }
            deallocate(name)
            return try execute(sql, binds: binds, mayRetry: false)
        }
    }

    private func executeUnnamed(_ sql: String, binds: [String?]) throws -> QueryResult {
        let result: OpaquePointer? = sql.withCString { sqlPointer in
            withCStringArray(binds) { paramPointers in
                PQexecParams(handle, sqlPointer, Int32(binds.count), nil, paramPointers, nil, nil, 0)
            }
        }
        return try QueryResult.consume(result, connection: self)
    }

    private func executePrepared(_ name: String, binds: [String?]) throws -> QueryResult {
        let result: OpaquePointer? = withCStringArray(binds) { paramPointers in
            PQexecPrepared(handle, name, Int32(binds.count), paramPointers, nil, nil, 0)
        }
        return try QueryResult.consume(result, connection: self)
    }

    /// The name `sql` is prepared under, preparing it first if needed; `nil` when it should
    /// run unnamed (caching disabled, or the cache is full inside a transaction, where a failed
    /// `DEALLOCATE` would abort the caller's transaction).
    private func preparedName(for sql: String, parameterCount: Int) throws -> String? {
        guard statements.capacity > 0 else { return nil }
        if let name = statements.name(for: sql) { return name }
        if let evicted = statements.evictionCandidate {
            guard PQtransactionStatus(handle) == PQTRANS_IDLE else { return nil }
            statements.remove(evicted.sql)
            deallocate(evicted.name)
        }
        let name = statements.nextName()
        _ = try QueryResult.consume(PQprepare(handle, name, sql, Int32(parameterCount), nil), connection: self)
        statements.record(sql, name: name)
        return name
    }

    /// The name `sql` is prepared under, if it is.
    func cachedName(for sql: String) -> String? {
        statements.capacity > 0 ? statements.name(for: sql) : nil
    }

    /// Records `sql` as prepared under a new name, which the caller then prepares; `nil` when
    /// the cache is off or full (making room would need a `DEALLOCATE` first).
    func reserveName(for sql: String) -> String? {
        guard statements.capacity > 0, statements.evictionCandidate == nil else { return nil }
        let name = statements.nextName()
        statements.record(sql, name: name)
        return name
    }

    /// Forgets that `sql` is prepared (its preparation failed or never ran).
    func forgetPrepared(_ sql: String) {
        statements.remove(sql)
    }

    /// Drops a prepared statement on the server; a failure only leaves it allocated.
    private func deallocate(_ name: String) {
        PQclear(PQexec(handle, "DEALLOCATE \(name)"))
    }

    /// Runs a script of one or more statements without parameters (the simple protocol).
    func executeScript(_ sql: String) throws -> QueryResult {
        if beginPending {
            // The simple protocol cannot share a round trip with BEGIN: send it on its own.
            beginPending = false
            _ = try execute("BEGIN", binds: [], mayRetry: false)
        }
        let result = sql.withCString { PQexec(handle, $0) }
        return try QueryResult.consume(result, connection: self)
    }

    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Waits up to `timeoutMilliseconds` for notifications on the channels this connection
    /// LISTENs to, and consumes them.
    /// - Returns: how many arrived (0 on timeout).
    /// - Throws: ``DatabaseError`` `connectionLost` when the connection broke.
    func waitForNotifications(timeoutMilliseconds: Int32) throws -> Int {
        let pending = drainNotifications()
        guard pending == 0 else { return pending }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        guard ready != 0 else { return 0 }
        guard ready > 0 || errno == EINTR else { throw DatabaseError(.connectionLost, "poll failed on the listening connection") }
        guard PQconsumeInput(handle) == 1, !isBroken else { throw DatabaseError(.connectionLost, lastErrorMessage) }
        return drainNotifications()
    }

    private func drainNotifications() -> Int {
        var count = 0
        while let notification = PQnotifies(handle) {
            PQfreemem(notification)
            count += 1
        }
        return count
    }
}

/// Calls `body` with a C array of C strings (NULL entries for `nil`), valid only inside it. The
/// strings are copied, NUL-terminated, into one buffer: one allocation per statement instead of
/// one per parameter.
func withCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let size = strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(size, 1)) { buffer in
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(strings.count)
        var offset = 0
        for string in strings {
            guard let string else {
                pointers.append(nil)
                continue
            }
            let start = buffer.baseAddress! + offset
            for byte in string.utf8 {
                buffer[offset] = CChar(bitPattern: byte)
                offset += 1
            }
            buffer[offset] = 0
            offset += 1
            pointers.append(UnsafePointer(start))
        }
        return body(pointers)
    }
}
