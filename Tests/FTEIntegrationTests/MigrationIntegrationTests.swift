@testable import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct MigrationIntegrationTests {
    @Test func createsTheCRMSchemaAndIsIdempotent() async throws {
        try await withTestDatabase(migrated: false) { db in
            let env = ["FTE_DATABASE_URL": db.url]
            let first = try await FTEBinary.run(["migrate"], environment: env)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Applied \(Migration.all.count) migration(s)"))
            #expect(first.stderr.isEmpty, "\(first.stderr)")
            let second = try await FTEBinary.run(["migrate"], environment: env)
            #expect(second.status == 0)
            #expect(second.stdout.contains("up to date"))
            try await db.withClient { client in
                let tables = try await client.query(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
                let names = Set(try tables.map { try $0.decode("table_name", as: String.self) })
                for table in ["customers", "customer_identifiers", "conversations", "messages", "tickets", "escalations",
                              "channel_configs", "agent_metrics", "ticket_events", "fte_schema_migrations"] {
                    #expect(names.contains(table), "missing \(table)")
                }
                let vector = try await client.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
                #expect(vector.count == 1)
                let nonTZ = try await client.query(
                    """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
                    """)
                #expect(nonTZ.isEmpty, "every timestamp must be timestamptz")
            }
        }
    }

    @Test func concurrentRunsApplyEachMigrationOnce() async throws {
        try await withTestDatabase(migrated: false) { db in
            let env = ["FTE_DATABASE_URL": db.url]
            let processes = try (0..<4).map { _ in try FTEBinary.start(["migrate"], environment: env) }
            var results: [FTEBinary.Result] = []
            for process in processes { results.append(try await process.wait()) }
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
            #expect(results.filter { $0.stdout.contains("Applied") }.count == 1)
            try await db.withClient { client in
                let rows = try await client.query("SELECT version, count(*)::int AS n FROM fte_schema_migrations GROUP BY version")
                #expect(rows.count == Migration.all.count)
                #expect(try rows.allSatisfy { try $0.decode("n", as: Int.self) == 1 })
            }
        }
    }

    @Test func aChangedMigrationIsRefusedAndNamed() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await client.execute("UPDATE fte_schema_migrations SET checksum = 'edited' WHERE version = 1")
            }
            let env = ["FTE_DATABASE_URL": db.url]
            let run = try await FTEBinary.run(["migrate"], environment: env)
            #expect(run.status != 0)
            #expect(run.stderrLines.count == 1)
            #expect(run.stderr.contains("migration 1 (crm_schema) has changed since it was applied"))
            let status = try await FTEBinary.run(["migrate", "status", "--format", "json"], environment: env)
            #expect(status.status != 0)
            #expect(status.stdout.contains(#""state" : "changed""#))
        }
    }

    @Test func aMigrationFromANewerFteIsRefused() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await client.execute(
                    "INSERT INTO fte_schema_migrations (version, name, checksum, execution_ms) VALUES (999, 'from_the_future', 'x', 1)")
            }
            let run = try await FTEBinary.run(["migrate"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status != 0)
            #expect(run.stderr.contains("migration 999 (from_the_future), which this fte does not know"))
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withTestDatabase(migrated: false) { db in
            let broken = Migration.all + [
                Migration(version: 900, name: "half_broken", sql: "CREATE TABLE half (n int); INSERT INTO half VALUES ('not a number');")
            ]
            try await db.withClient { client in
                do {
                    try await Migrator(migrations: broken).migrate(client)
                    Issue.record("expected the migration to fail")
                } catch let error as MigrationError {
                    #expect(error.code == .failed)
                    #expect(error.message.contains("migration 900 (half_broken) failed and was rolled back"))
                }
                let half = try await client.query("SELECT to_regclass('half') IS NULL AS gone")
                #expect(try half[0].decode("gone", as: Bool.self))
                let versions = try await client.query("SELECT max(version) AS v FROM fte_schema_migrations")
                #expect(try versions[0].decode("v", as: Int.self) == Migration.all.last!.version)
                // The lock was released: a corrected run goes through.
                try await Migrator().migrate(client)
            }
        }
    }

    @Test func aMigrationMayRunLongerThanTheStatementTimeout() async throws {
        try await withTestDatabase(migrated: false) { db in
            let slow = [Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(1); CREATE TABLE slow_done (n int);")]
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1, statementTimeout: .milliseconds(300)))
            #expect(try await Migrator(migrations: slow).migrate(client).map(\.name) == ["slow"])
            // The connection keeps its timeout for everything else.
            await #expect(throws: DatabaseError.self) { try await client.query("SELECT pg_sleep(1)") }
            await client.close()
        }
    }

    @Test func aRunWaitsForAnotherRunsLockLongerThanTheStatementTimeout() async throws {
        try await withTestDatabase(migrated: false) { db in
            let one = [Migration(version: 1, name: "one", sql: "CREATE TABLE one (n int);")]
            try await db.withClient(maxConnections: 1) { holder in
                try await holder.withConnection { connection in
                    // Another run's lock, held for 1.5 s.
                    try await connection.execute("SELECT pg_advisory_lock(\(Migrator.advisoryLockKey))")
                    let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1, statementTimeout: .milliseconds(300)))
                    let waiting = Task { try await Migrator(migrations: one, lockRetryInterval: .milliseconds(50)).migrate(client) }
                    try await Task.sleep(for: .milliseconds(1500))
                    let created = try await connection.query("SELECT to_regclass('one') IS NOT NULL AS created")
                    #expect(try created[0].decode("created", as: Bool.self) == false, "it waited for the lock")
                    try await connection.execute("SELECT pg_advisory_unlock(\(Migrator.advisoryLockKey))")
                    #expect(try await waiting.value.map(\.name) == ["one"])
                    await client.close()
                }
            }
        }
    }

    @Test func statusListsPendingMigrationsOnAnEmptyDatabase() async throws {
        try await withTestDatabase(migrated: false) { db in
            let run = try await FTEBinary.run(["migrate", "status"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("crm_schema"))
            #expect(run.stdout.contains("pending"))
            let dry = try await FTEBinary.run(["migrate", "--dry-run"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(dry.stdout.contains("Would apply \(Migration.all.count)"))
            let after = try await FTEBinary.run(["migrate", "status", "--format", "csv"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(after.stdout.contains("1,crm_schema,pending,-"))
        }
    }
}
