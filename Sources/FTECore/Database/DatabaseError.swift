/// An error from the database layer.
///
/// ``description`` is safe to show to users and to write to logs: it names what failed and the
/// SQLSTATE, never bind values, row data or credentials. ``debugDescription`` adds the server's
/// detail (which may contain row values) for debugging.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is. Extensible: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration, connectionFailed, connectionLost, queryFailed
            case timeout, decodingFailed, poolTimeout, closed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The configuration (URL, pool size, timeouts) is not usable.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The server could not be reached or refused the connection.
        public static let connectionFailed = Code(.connectionFailed)
        /// An established connection broke (server restart, network failure).
        public static let connectionLost = Code(.connectionLost)
        /// The server rejected a statement; see ``DatabaseError/sqlState``.
        public static let queryFailed = Code(.queryFailed)
        /// A statement ran longer than the statement timeout and was cancelled.
        public static let timeout = Code(.timeout)
        /// A column value could not be decoded as the requested Swift type.
        public static let decodingFailed = Code(.decodingFailed)
        /// No pooled connection became free within the lease timeout.
        public static let poolTimeout = Code(.poolTimeout)
        /// The database client was closed.
        public static let closed = Code(.closed)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The five-character SQLSTATE the server reported, when there is one.
    public var sqlState: String?
    /// A message that is safe to show: no values, no secrets.
    public var message: String
    /// Server detail and hint, which can contain row values; only in ``debugDescription``.
    public var detail: String?
    /// The constraint a statement violated, when the server named one.
    public var constraint: String?

    public init(
        _ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil,
        constraint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.constraint = constraint
    }

    /// Whether retrying the same work on a fresh connection may succeed.
    public var isRetriable: Bool {
        switch code {
        case .connectionFailed, .connectionLost, .poolTimeout: return true
        default: return SQLState.retriable.contains(sqlState ?? "")
        }
    }

    /// Whether the statement failed on its data: a data exception (SQLSTATE class 22) or a
    /// constraint violation (23). Retrying the same values fails again.
    public var isDataError: Bool {
        sqlState.map { $0.hasPrefix("22") || $0.hasPrefix("23") } ?? false
    }

    /// Whether this is a unique-constraint violation (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }

    public var description: String {
        var text = "database \(code): \(message)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        return text
    }

    public var debugDescription: String {
        var text = description
        if let constraint { text += " constraint=\(constraint)" }
        if let detail { text += " detail=\(detail)" }
        return text
    }
}

/// SQLSTATE values the database layer gives meaning to.
enum SQLState {
    static let uniqueViolation = "23505"
    static let queryCanceled = "57014"
    /// "cached plan must not change result type" (0A000) and "prepared statement … does not
    /// exist" (26000): a prepared statement to forget and prepare again.
    static let invalidatesPreparedStatement: Set<String> = ["0A000", "26000"]
    /// Serialization failure, deadlock, admin shutdown, crash shutdown, cannot connect now.
    static let retriable: Set<String> = ["40001", "40P01", "57P01", "57P02", "57P03"]
}
