import Foundation
import Logging

/// The state of one migration in a database.
public struct MigrationStatus: Sendable, Encodable {
    public enum State: String, Sendable, Encodable {
        case applied, pending
        /// Applied, but the SQL in this binary differs from what was applied.
        case changed
        /// Applied by a newer fte; this binary does not know it.
        case unknown
    }

    public var version: Int
    public var name: String
    public var state: State
    public var appliedAt: Date?
    public var checksum: String

    enum CodingKeys: String, CodingKey {
        case version, name, state, checksum
        case appliedAt = "applied_at"
    }
}

/// Applies ``Migration``s to a database, once each, safely under concurrency.
///
/// The whole run holds a session advisory lock, so two `fte migrate` started together
/// serialise: the second waits (logging who holds the lock) and then finds everything applied.
/// Each migration and its bookkeeping row are committed in one transaction, which runs without
/// the statement timeout: on a large knowledge base a migration may take minutes. Before
/// applying anything, every applied migration's checksum is compared with this binary's; any
/// difference stops the run and names the migration.
public struct Migrator: Sendable {
    /// Arbitrary constant identifying fte's migration lock (`pg_advisory_lock`).
    static let advisoryLockKey: Int64 = 0x66_74_65_6d_69_67  // "ftemig"

    public let migrations: [Migration]
    private let logger: Logger
    /// How often a run waiting for another run's lock tries again, and logs every 20 tries.
    private let lockRetryInterval: Duration

    public init(
        migrations: [Migration] = Migration.all, logger: Logger = Logger(label: "fte.migrate"),
        lockRetryInterval: Duration = .milliseconds(500)
    ) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migrations must be in strictly increasing version order")
        self.migrations = migrations
        self.logger = logger
        self.lockRetryInterval = lockRetryInterval
    }

    /// Applies pending migrations and returns the ones applied (empty when up to date).
    /// - Parameter dryRun: report what would be applied without changing anything.
    /// - Throws: ``MigrationError`` for changed or unknown migrations or a failing script;
    ///   ``DatabaseError`` when the database is unreachable.
    @discardableResult
    public func migrate(_ database: Database, dryRun: Bool = false) async throws -> [Migration] {
        try await database.withConnection { connection in
            try await waitForLock(connection)
            do {
                let applied = try await prepare(connection)
                let pending = migrations.filter { applied[$0.version] == nil }
                if !dryRun {
                    for migration in pending { try await apply(migration, on: connection) }
                }
                try await connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                return pending
            } catch {
                _ = try? await connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                throw error
            }
        }
    }

    /// Reports every migration's state without changing anything.
    public func status(_ database: Database) async throws -> [MigrationStatus] {
        let applied = try await appliedMigrations(database)
        var result = migrations.map { migration -> MigrationStatus in
            guard let record = applied[migration.version] else {
                return MigrationStatus(
                    version: migration.version, name: migration.name, state: .pending, checksum: migration.checksum)
            }
            return MigrationStatus(
                version: migration.version, name: migration.name,
                state: record.checksum == migration.checksum ? .applied : .changed,
                appliedAt: record.appliedAt, checksum: record.checksum)
        }
        let known = Set(migrations.map(\.version))
        for (version, record) in applied where !known.contains(version) {
            result.append(
                MigrationStatus(
                    version: version, name: record.name, state: .unknown, appliedAt: record.appliedAt,
                    checksum: record.checksum))
        }
        return result.sorted { $0.version < $1.version }
    }

    // MARK: - Steps

    private struct AppliedRecord {
        var name: String
        var checksum: String
        var appliedAt: Date
    }

    /// Creates the bookkeeping table if needed and checks applied migrations against ours.
    private func prepare(_ connection: DatabaseConnection) async throws -> [Int: AppliedRecord] {
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS fte_schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                execution_ms integer NOT NULL
            )
            """)
        let applied = try await Self.readApplied(connection)
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = byVersion[version] else {
                throw MigrationError(
                    code: .unknownVersion,
                    message: "the database has migration \(version) (\(record.name)), which this fte does not know: upgrade fte")
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError(
                    code: .checksumMismatch,
                    message: "migration \(version) (\(migration.name)) has changed since it was applied (checksum \(record.checksum.prefix(12)) in the database, \(migration.checksum.prefix(12)) in this fte); restore it and add a new migration instead")
            }
        }
        return applied
    }

    /// Takes the migration lock, waiting as long as another run holds it (its session's end
    /// releases it, even if that run is killed). It is tried, not waited for in the server, so
    /// the wait is not cut short by the statement timeout.
    private func waitForLock(_ connection: DatabaseConnection) async throws {
        var tries = 0
        while true {
            let taken = try await connection.query("SELECT pg_try_advisory_lock(\(Self.advisoryLockKey)) AS taken")
            if try taken.first?.decode("taken", as: Bool.self) == true { return }
            if tries % 20 == 0 {
                let holder = try await lockHolder(connection)
                logger.info("waiting for another fte migrate to finish", metadata: ["holder": "\(holder)"])
            }
            tries += 1
            try await Task.sleep(for: lockRetryInterval)
        }
    }

    /// Who holds the migration lock: process id, application and client address.
    private func lockHolder(_ connection: DatabaseConnection) async throws -> String {
        let rows = try await connection.query(
            """
            SELECT a.pid, a.application_name, coalesce(host(a.client_addr), 'local') AS client
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND (l.classid::bigint << 32) | l.objid::bigint = \(Self.advisoryLockKey)
            """)
        guard let row = rows.first else { return "nobody (just released)" }
        return "pid \(try row.decode("pid", as: Int.self)) (\(try row.decode("application_name", as: String.self)), \(try row.decode("client", as: String.self)))"
    }

    private func apply(_ migration: Migration, on connection: DatabaseConnection) async throws {
        let started = ContinuousClock.now
        try await connection.execute("BEGIN")
        do {
            // For this transaction only: the pooled connection keeps its timeout afterwards.
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.executeScript(unsafeSQL: migration.sql)
            let elapsed = started.duration(to: .now)
            let ms = Int(elapsed.wholeMilliseconds)
            try await connection.execute(
                """
                INSERT INTO fte_schema_migrations (version, name, checksum, execution_ms)
                VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(ms))
                """)
            try await connection.execute("COMMIT")
            logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
        } catch {
            _ = try? await connection.execute("ROLLBACK")
            if let dbError = error as? DatabaseError, dbError.code == .queryFailed {
                throw MigrationError(
                    code: .failed,
                    message: "migration \(migration.version) (\(migration.name)) failed and was rolled back: \(dbError.message)")
            }
            throw error
        }
    }

    private func appliedMigrations(_ database: Database) async throws -> [Int: AppliedRecord] {
        try await database.withConnection { connection in
            let exists = try await connection.query("SELECT to_regclass('fte_schema_migrations') IS NOT NULL AS present")
            guard try exists.first?.decode("present", as: Bool.self) == true else { return [:] }
            return try await Self.readApplied(connection)
        }
    }

    private static func readApplied(_ connection: DatabaseConnection) async throws -> [Int: AppliedRecord] {
        let rows = try await connection.query("SELECT version, name, checksum, applied_at FROM fte_schema_migrations")
        var records: [Int: AppliedRecord] = [:]
        for row in rows {
            records[try row.decode("version", as: Int.self)] = AppliedRecord(
                name: try row.decode("name", as: String.self), checksum: try row.decode("checksum", as: String.self),
                appliedAt: try row.decode("applied_at", as: Date.self))
        }
        return records
    }
}
