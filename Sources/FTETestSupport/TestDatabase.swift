import FTECore
import Foundation

/// A scratch PostgreSQL database for one test (a ``ScratchDatabase`` on the test server), created
/// from `FTE_TEST_DATABASE_URL` (default: the local development server) and dropped by ``drop()``.
public struct TestDatabase: Sendable {
    private let scratch: ScratchDatabase

    /// URL of the scratch database. It carries `connect_timeout` (``connectTimeout``), so every
    /// client a test makes from it, the `fte` binary's included, waits as long as the suite's own.
    public var url: String { scratch.url }
    public var name: String { scratch.name }

    /// How long a test's connection may take to be accepted, seconds. The product's 5 s is too
    /// short when the whole suite starts at once and dozens of scratch databases are created and
    /// migrated together on 2 cores (a clean-clone CI run lost three tests to it).
    static let connectTimeout = 30

    /// The server tests run against; `scripts/test.sh` sets it.
    public static var serverURL: String {
        ProcessInfo.processInfo.environment["FTE_TEST_DATABASE_URL"]
            ?? "postgres://fte@127.0.0.1:54329/postgres"
    }

    /// Creates an empty database (optionally migrated) with a unique name starting with
    /// `prefix` on `serverURL` (by default the test server).
    public static func create(
        on serverURL: String = TestDatabase.serverURL, prefix: String = "fte_test_", migrated: Bool = true
    ) async throws -> TestDatabase {
        do {
            return TestDatabase(scratch: try await ScratchDatabase.create(
                on: serverURL, prefix: prefix, migrated: migrated, connectTimeout: connectTimeout))
        } catch {
            throw TestSetupError(
                "cannot create a scratch database on \((try? DatabaseConfiguration(url: serverURL).redactedURL) ?? "the server"): \(error). Start PostgreSQL first (scripts/pg.sh start; scripts/test.sh starts it for the tests).")
        }
    }

    /// Runs `body` with a client of the scratch database, closing it afterwards.
    @discardableResult
    public func withClient<R: Sendable>(
        maxConnections: Int = 4, _ body: (Database) async throws -> R
    ) async throws -> R {
        try await scratch.withClient(maxConnections: maxConnections, body)
    }

    /// Drops the database (terminating any connection still open to it).
    public func drop() async {
        await scratch.drop()
    }
}

/// Runs `body` with a fresh scratch database, dropping it afterwards whatever happens.
public func withTestDatabase<R: Sendable>(
    migrated: Bool = true, _ body: (TestDatabase) async throws -> R
) async throws -> R {
    let database = try await TestDatabase.create(migrated: migrated)
    do {
        let result = try await body(database)
        await database.drop()
        return result
    } catch {
        await database.drop()
        throw error
    }
}

/// A test could not set up what it needs (database server, binary).
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
