import Foundation

/// How to reach PostgreSQL and how to pool connections.
public struct DatabaseConfiguration: Sendable, Equatable {
    /// A libpq connection URL, e.g. `postgres://fte@127.0.0.1:54329/fte`.
    public var url: String
    /// Most connections the pool opens.
    public var maxConnections: Int
    /// How long a new connection may take to establish, in seconds.
    public var connectTimeout: Int
    /// Server-side limit on each statement; 0 disables it.
    public var statementTimeout: Duration
    /// How long to wait for a pooled connection before failing with ``DatabaseError/Code/poolTimeout``.
    public var leaseTimeout: Duration
    /// Reported to the server as `application_name`.
    public var applicationName: String
    /// Most prepared statements each connection keeps (least recently used dropped first);
    /// 0 prepares none, for poolers such as PgBouncer in transaction mode.
    public var statementCacheCapacity: Int
    /// How the server plans this client's statements.
    public var workload: Workload = .service

    /// How the server should plan a client's statements.
    public enum Workload: Sendable, Equatable {
        /// Many short statements of fixed shapes, run again and again (the gateway, the worker,
        /// most commands): generic plans, made once per connection.
        case service
        /// A few large statements, each run once, several at a time (`fte report`): each
        /// planned for its own values (a period's times decide between an index and a scan),
        /// and no parallel workers, as the statements already keep the cores busy together
        /// (docs/benchmarks.md, "Report statements planned for their values").
        case report
    }

    /// Creates a configuration; validates the URL scheme.
    /// - Throws: ``DatabaseError`` with code `invalidConfiguration` for an unusable URL or size.
    public init(
        url: String,
        maxConnections: Int = 10,
        connectTimeout: Int = 5,
        statementTimeout: Duration = .seconds(30),
        leaseTimeout: Duration = .seconds(10),
        applicationName: String = "fte",
        statementCacheCapacity: Int = 256
    ) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw DatabaseError(
                .invalidConfiguration,
                "the database URL must start with postgres:// or postgresql:// (got \(Self.redact(url)))")
        }
        guard maxConnections >= 1 else {
            throw DatabaseError(.invalidConfiguration, "the pool needs at least one connection")
        }
        guard statementCacheCapacity >= 0 else {
            throw DatabaseError(.invalidConfiguration, "the statement cache capacity cannot be negative")
        }
        self.url = url
        self.maxConnections = maxConnections
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.leaseTimeout = leaseTimeout
        self.applicationName = applicationName
        self.statementCacheCapacity = statementCacheCapacity
    }

    /// The URL with any password replaced by `***`, for logs and error messages.
    public var redactedURL: String { Self.redact(url) }

    static func redact(_ url: String) -> String {
        DatabaseURLRedaction.redact(url)
    }

    /// Session settings sent when connecting. Besides the statement timeout and formats:
    /// - generic plans for prepared statements (`plan_cache_mode`): fte's statements have fixed
    ///   shapes whose parameters are keys and values, so the plan made once serves every call.
    ///   PostgreSQL's default re-plans a statement for each call when it guesses that a custom
    ///   plan is cheaper, which it did for the knowledge search: 1 ms of planning per search;
    /// - the knowledge search's HNSW settings (see ``KnowledgeSearch``): a wider candidate list
    ///   than pgvector's default of 40, and iterative scans so a category filter still fills
    ///   `k`. Only HNSW index scans read them, so setting them per session costs nothing
    ///   elsewhere and saves the search a round trip.
    ///
    /// A ``Workload/report`` client instead plans each statement for its values and starts no
    /// parallel workers.
    var sessionOptions: String {
        let planning = switch workload {
        case .service: ["plan_cache_mode=force_generic_plan"]
        case .report: ["plan_cache_mode=force_custom_plan", "max_parallel_workers_per_gather=0"]
        }
        return (["statement_timeout=\(statementTimeout.wholeMilliseconds)", "TimeZone=UTC", "DateStyle=ISO", "client_min_messages=warning"]
            + planning + ["hnsw.ef_search=100", "hnsw.iterative_scan=relaxed_order"])
            .map { "-c \($0)" }.joined(separator: " ")
    }

    /// libpq keyword/value pairs. Our defaults come first so that values in the URL win.
    var connectionParameters: [(String, String)] {
        [
            ("connect_timeout", String(connectTimeout)),
            ("application_name", applicationName),
            ("client_encoding", "UTF8"),
            ("options", sessionOptions),
            ("dbname", url),
        ]
    }
}
