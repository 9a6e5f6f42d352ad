/// Builds a ``DatabaseConfiguration`` from flags and `FTE_` environment variables.
public enum DatabaseSettings {
    /// The URL of the local development server started by `scripts/pg.sh`.
    public static let localDevelopmentURL = "postgres://fte@127.0.0.1:54329/fte"

    /// Resolves the database configuration.
    /// - Throws: ``DatabaseError`` `invalidConfiguration` naming the variable that is wrong.
    public static func configuration(
        urlFlag: String?, environment: [String: String], applicationName: String = "fte"
    ) throws -> DatabaseConfiguration {
        let url = ConfigKey.databaseURL.resolve(flag: urlFlag, environment: environment) ?? localDevelopmentURL
        let poolSize = try integer(.databasePoolSize, environment, default: 10, range: 1...500)
        let timeout = try integer(.databaseStatementTimeout, environment, default: 30, range: 0...86_400)
        let statementCache = try integer(.databaseStatementCache, environment, default: 256, range: 0...10_000)
        return try DatabaseConfiguration(
            url: url, maxConnections: poolSize, statementTimeout: .seconds(timeout),
            applicationName: applicationName, statementCacheCapacity: statementCache)
    }

    private static func integer(
        _ key: ConfigKey, _ environment: [String: String], default value: Int, range: ClosedRange<Int>
    ) throws -> Int {
        do {
            return try key.integer(environment: environment, default: value, in: range)
        } catch let error as ConfigError {
            throw DatabaseError(.invalidConfiguration, error.message)
        }
    }
}
