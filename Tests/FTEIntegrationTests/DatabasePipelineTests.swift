import FTECore
import FTETestSupport
import Foundation
import Synchronization
import Testing

/// Statements sent together (libpq's pipeline mode) and transactions whose BEGIN rides with the
/// first statement, against the real server.
@Suite struct DatabasePipelineTests {
    @Test func aPipelineRunsItsStatementsInOrderAndReturnsEachOnesRows() async throws {
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient { client in
                try await client.execute("CREATE TABLE t (n int)")
                let results = try await client.withConnection { connection in
                    try await connection.pipeline([
                        "INSERT INTO t VALUES (\(1)), (\(2))",
                        "SELECT n FROM t ORDER BY n",
                        "SELECT count(*)::int AS c FROM t WHERE n > \(1)",
                    ])
                }
                #expect(results.count == 3)
                #expect(results[0].isEmpty)
                #expect(try results[1].map { try $0.decode("n", as: Int.self) } == [1, 2])
                #expect(try results[2][0].decode("c", as: Int.self) == 1)
                // Run again: now from prepared statements.
                let again = try await client.withConnection { try await $0.pipeline(["SELECT n FROM t ORDER BY n"]) }
                #expect(try again[0].map { try $0.decode("n", as: Int.self) } == [1, 2])
            }
        }
    }

    @Test func aFailingStatementSkipsTheRestAndUndoesItsImplicitTransaction() async throws {
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient(maxConnections: 1) { client in
                try await client.execute("CREATE TABLE t (n int PRIMARY KEY)")
                let error = await #expect(throws: DatabaseError.self) {
                    try await client.withConnection { connection in
                        try await connection.pipeline([
                            "INSERT INTO t VALUES (\(1))",
                            "SELECT 1 / \(0) AS boom",
                            "INSERT INTO t VALUES (\(2))",
                        ])
                    }
                }
                #expect(error?.sqlState == "22012", "the division's error: \(String(describing: error))")
                // Outside a transaction block a pipeline is one implicit transaction: nothing stays.
                #expect(try await client.query("SELECT n FROM t").isEmpty)
                // The connection is usable, and so are the statements the failed pipeline prepared
                // or skipped.
                try await client.execute("INSERT INTO t VALUES (\(2))")
                try await client.withConnection { try await $0.pipeline(["INSERT INTO t VALUES (\(1))"]) }
                #expect(try await client.query("SELECT n FROM t ORDER BY n").map { try $0.decode("n", as: Int.self) } == [1, 2])
            }
        }
    }

    @Test func aTransactionsBeginRidesWithItsFirstStatementAndACommitInItsLastPipelineEndsIt() async throws {
        struct Boom: Error {}
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient(maxConnections: 1) { client in
                try await client.execute("CREATE TABLE t (n int)")
                // Two statements of one transaction see one transaction id.
                let ids = try await client.withTransaction { c in
                    let first = try await c.query("SELECT txid_current()::text AS id")[0].decode("id", as: String.self)
                    let second = try await c.pipeline(["INSERT INTO t VALUES (\(1))", "SELECT txid_current()::text AS id"])
                    return [first, try second[1][0].decode("id", as: String.self)]
                }
                #expect(ids[0] == ids[1])
                // A body that ends its transaction with COMMIT is not committed twice.
                try await client.withTransaction { c in
                    try await c.pipeline(["INSERT INTO t VALUES (\(2))", "COMMIT"])
                }
                // A body that throws after its statements rolls them back.
                await #expect(throws: Boom.self) {
                    try await client.withTransaction { c in
                        try await c.pipeline(["INSERT INTO t VALUES (\(3))", "SELECT 1"])
                        throw Boom()
                    }
                }
                // A body that runs nothing leaves the connection outside any transaction.
                try await client.withTransaction { _ in }
                #expect(try await client.query("SELECT n FROM t ORDER BY n").map { try $0.decode("n", as: Int.self) } == [1, 2])
                // No transaction is left open on the connection: each statement now runs in its own.
                let first = try await client.query("SELECT txid_current()::text AS id")[0].decode("id", as: String.self)
                let second = try await client.query("SELECT txid_current()::text AS id")[0].decode("id", as: String.self)
                #expect(first != second)
            }
        }
    }

    @Test func aConnectionLostOnTheRoundTripOfBeginRunsTheTransactionAgainElsewhere() async throws {
        try await withTestDatabase(migrated: false) { db in
            let appName = "fte-lost-begin-\(UUID().uuidString.prefix(8))"
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1, applicationName: appName))
            try await client.execute("CREATE TABLE t (n int)")
            let runs = Mutex(0)
            try await db.withClient { admin in
                try await client.withTransaction { c in
                    let run = runs.withLock { $0 += 1; return $0 }
                    if run == 1 {
                        // The server drops the connection after it was leased, before the first statement.
                        _ = try await admin.query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(appName)")
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    try await c.execute("INSERT INTO t VALUES (\(run))")
                }
            }
            #expect(runs.withLock { $0 } == 2)
            #expect(try await client.query("SELECT n FROM t").map { try $0.decode("n", as: Int.self) } == [2])
            await client.close()
        }
    }
}
