/// A configuration setting: an `FTE_` environment variable that commands also take as a flag.
///
/// Resolution order: the command-line flag, then the environment variable, then the default.
public struct ConfigKey: Sendable, Hashable {
    /// The environment variable, e.g. `FTE_DATABASE_URL`.
    public let name: String
    /// What it configures, for `--help` and the README.
    public let summary: String
    /// Secrets are never printed, logged or echoed in errors.
    public let isSecret: Bool

    public init(_ name: String, _ summary: String, isSecret: Bool = false) {
        self.name = name
        self.summary = summary
        self.isSecret = isSecret
    }

    /// Reads the value: an explicit flag wins, then the environment; empty strings count as unset.
    public func resolve(flag: String?, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        if let value = environment[name], !value.isEmpty { return value }
        return nil
    }
}

extension ConfigKey {
    /// PostgreSQL URL.
    public static let databaseURL = ConfigKey(
        "FTE_DATABASE_URL", "PostgreSQL URL (default: the local server of scripts/pg.sh)", isSecret: true)
    /// Most pooled PostgreSQL connections per process.
    public static let databasePoolSize = ConfigKey("FTE_DATABASE_POOL_SIZE", "most PostgreSQL connections per process (default 10)")
    /// Server-side statement timeout.
    public static let databaseStatementTimeout = ConfigKey(
        "FTE_DATABASE_STATEMENT_TIMEOUT", "statement timeout in seconds (default 30)")
    /// Prepared statements kept per connection.
    public static let databaseStatementCache = ConfigKey(
        "FTE_DATABASE_STATEMENT_CACHE", "prepared statements kept per PostgreSQL connection; 0 for PgBouncer in transaction mode (default 256)")
    /// Log level.
    public static let logLevel = ConfigKey("FTE_LOG_LEVEL", "trace, debug, info, notice, warning, error (default warning for CLI commands)")
    /// Who is acting in `fte ticket escalate|resolve`.
    public static let actor = ConfigKey("FTE_ACTOR", "name recorded on ticket changes (default: $USER)")
}
