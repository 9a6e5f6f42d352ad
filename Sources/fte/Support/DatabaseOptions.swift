import ArgumentParser
import FTECore
import Foundation
import Logging

/// `--database-url`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("PostgreSQL URL (env FTE_DATABASE_URL; default: the local server of scripts/pg.sh).", valueName: "url"))
    var databaseURL: String?

    /// Opens a client for the duration of `body`, translating failures into one-line errors.
    func withDatabase<R: Sendable>(
        logger: Logger = CommandLogging.logger("fte.database"),
        _ body: (Database) async throws -> R
    ) async throws -> R {
        let configuration: DatabaseConfiguration
        do {
            configuration = try DatabaseSettings.configuration(
                urlFlag: databaseURL, environment: ProcessInfo.processInfo.environment)
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

/// Logging for CLI commands: to standard error, level from FTE_LOG_LEVEL (default warning).
enum CommandLogging {
    private static let bootstrapped: Void = {
        let env = ProcessInfo.processInfo.environment
        let level = ConfigKey.logLevel.resolve(flag: nil, environment: env).flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    static func logger(_ label: String) -> Logger {
        _ = bootstrapped
        return Logger(label: label)
    }
}
