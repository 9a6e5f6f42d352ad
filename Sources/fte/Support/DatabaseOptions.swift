import ArgumentParser
import FTECore
import Foundation
import Logging
import Synchronization

/// `--database-url`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).", valueName: "url"))
    var databaseURL: String?

    /// Opens a client for the duration of `body`, translating failures into one-line errors.
    func withDatabase<R: Sendable>(
        logger: Logger = CommandLogging.logger("fte.database"),
        workload: DatabaseConfiguration.Workload = .service,
        _ body: (Database) async throws -> R
    ) async throws -> R {
        var configuration: DatabaseConfiguration
        do {
            configuration = try DatabaseSettings.configuration(
                urlFlag: databaseURL, environment: ProcessInfo.processInfo.environment)
            configuration.workload = workload
        } catch {
            throw CommandFailure(error)
        }
        let database = Database(configuration: configuration, logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw CommandFailure(error)
        }
    }
}

/// Logging for commands: to standard error, level from FTE_LOG_LEVEL. Short commands log plain
/// text at `warning`; long-running services (`fte serve`) log JSON lines at `info` with personal
/// data masked (FTE_LOG_FORMAT=text for plain text).
enum CommandLogging {
    private static let bootstrapped = Mutex(false)

    static func logger(_ label: String) -> Logger {
        bootstrap(structured: false, defaultLevel: .warning)
        return Logger(label: label)
    }

    static func serviceLogger(_ label: String, environment: [String: String]) -> Logger {
        let format = ConfigKey.logFormat.resolve(flag: nil, environment: environment)?.lowercased()
        bootstrap(structured: format != "text", defaultLevel: .info)
        return Logger(label: label)
    }

    private static func bootstrap(structured: Bool, defaultLevel: Logger.Level) {
        guard bootstrapped.withLock({ done in defer { done = true }; return !done }) else { return }
        let env = ProcessInfo.processInfo.environment
        let level = ConfigKey.logLevel.resolve(flag: nil, environment: env).flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        LoggingSystem.bootstrap { label in
            if structured { return StructuredLogHandler(label: label, level: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
