import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Owns one libpq connection (`PGconn *`). All methods block: call them only from a thread of
/// the database thread pool, never from Swift's cooperative pool.
///
/// `@unchecked Sendable`: a connection is used by one task at a time (the pool leases it out
/// exclusively), and each call runs to completion on a pool thread before the next begins.
final class PQConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// When the connection was last returned to the pool.
    var idleSince: ContinuousClock.Instant = .now

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection with libpq keyword/value parameters (`dbname` may be a URL).
    static func connect(parameters: [(String, String)]) throws -> PQConnection {
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
        let connection = PQConnection(handle: handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError(.connectionFailed, connection.lastErrorMessage)
        }
        return connection
    }

    /// libpq's last error message for this connection, first line only (it never holds secrets).
    var lastErrorMessage: String {
        guard let cString = PQerrorMessage(handle) else { return "unknown libpq error" }
        let message = String(cString: cString).trimmingWhitespace()
        return message.split(separator: "\n").first.map(String.init) ?? "unknown libpq error"
    }

    /// Whether the connection is open and idle outside a transaction.
    var isIdle: Bool {
        PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Checks, without a round trip, that the server has not closed the connection. A server
    /// that shuts a session down sends a FATAL message and then closes the socket, so the
    /// socket polls readable: consume what is there until it would block or reports the end.
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

    /// Runs one statement with text-format parameters (the extended protocol).
    func execute(_ sql: String, binds: [String?]) throws -> QueryResult {
        let result: OpaquePointer? = sql.withCString { sqlPointer in
            withCStringArray(binds) { paramPointers in
                PQexecParams(handle, sqlPointer, Int32(binds.count), nil, paramPointers, nil, nil, 0)
            }
        }
        return try QueryResult.consume(result, connection: self)
    }

    /// Runs a script of one or more statements without parameters (the simple protocol).
    func executeScript(_ sql: String) throws -> QueryResult {
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

/// Calls `body` with a C array of C strings (NULL entries for `nil`), valid only inside it.
private func withCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let duplicates = strings.map { $0.map { strdup($0)! } }
    defer { duplicates.forEach { $0.map { free($0) } } }
    return body(duplicates.map { $0.map { UnsafePointer($0) } })
}
