import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct DatabaseIntegrationTests {
    @Test func bindParametersRoundTripEveryType() async throws {
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient { client in
                let id = UUID()
                let when = Date(timeIntervalSince1970: 1_700_000_000.123456)
                let evil = "'; DROP TABLE x; -- ünïcødé 🚀"
                let rows = try await client.query(
                    """
                    SELECT \(id)::uuid AS id, \(when)::timestamptz AS at, \(evil)::text AS text,
                           \(42)::int AS n, \(true)::bool AS flag, \(2.5)::float8 AS x,
                           \(Optional<String>.none)::text AS missing, \(["a", "b,c"])::text[] AS arr
                    """)
                let row = try #require(rows.first)
                #expect(try row.decode("id", as: UUID.self) == id)
                #expect(abs(try row.decode("at", as: Date.self).timeIntervalSince1970 - when.timeIntervalSince1970) < 0.000_001)
                #expect(try row.decode("text", as: String.self) == evil)
                #expect(try row.decode("n", as: Int.self) == 42)
                #expect(try row.decode("flag", as: Bool.self))
                #expect(try row.decode("x", as: Double.self) == 2.5)
                #expect(try row.decode("missing", as: String?.self) == nil)
                #expect(try row.decode("arr", as: String.self) == #"{a,"b,c"}"#)
                #expect(throws: DatabaseError.self) { try row.decode("missing", as: String.self) }
                #expect(throws: DatabaseError.self) { try row.decode("text", as: Int.self) }
                #expect(throws: DatabaseError.self) { try row.decode("nope", as: Int.self) }
            }
        }
    }

    /// `vector_send`'s bytes read back the same floats as the decimal text, for values of every
    /// size and sign, and broken hex is refused.
    @Test func vectorsReadTheSameFromTextAndFromVectorSend() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                var generator = SystemRandomNumberGenerator()
                let vectors: [[Float]] = [[], [0], [1, -0.5, 3.4e38, -1.2e-38, 1e-45, 0.1]]
                    + (0..<20).map { _ in (0..<384).map { _ in Float.random(in: -1...1, using: &generator) * pow(10, Float(Int.random(in: -6...6))) } }
                for values in vectors where !values.isEmpty {
                    let row = try await client.query(
                        "SELECT v::text AS text, vector_send(v) AS sent FROM (SELECT \(PGVector(values))::vector AS v) x")[0]
                    let text = try row.decode("text", as: PGVector.self)
                    let sent = try row.decode("sent", as: PGVector.self)
                    #expect(sent.values == values)
                    #expect(text.values == values)
                }
                #expect(PGVector(postgresText: "\\x000100003f80000") == nil)  // short
                #expect(PGVector(postgresText: "\\x000200003f800000") == nil)  // says 2 components, has 1
                #expect(PGVector(postgresText: "\\x000100003f80000g") == nil)  // not hex
                #expect(PGVector(postgresText: "\\x000100003f800000")?.values == [1])
            }
        }
    }

    @Test func errorsCarrySQLStateWithoutLeakingValues() async throws {
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient { client in
                try await client.execute("CREATE TABLE t (email text UNIQUE)")
                try await client.execute("INSERT INTO t VALUES (\("secret@example.com"))")
                do {
                    try await client.execute("INSERT INTO t VALUES (\("secret@example.com"))")
                    Issue.record("expected a unique violation")
                } catch let error as DatabaseError {
                    #expect(error.isUniqueViolation)
                    #expect(error.sqlState == "23505")
                    #expect(error.constraint == "t_email_key")
                    #expect(!error.description.contains("secret@example.com"))
                    #expect(error.debugDescription.contains("secret@example.com"))
                }
                await #expect(throws: DatabaseError.self) { try await client.execute("SELEC 1") }
            }
        }
    }

    @Test func transactionsCommitOrRollBackAsAWhole() async throws {
        struct Boom: Error {}
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient { client in
                try await client.execute("CREATE TABLE t (n int)")
                await #expect(throws: Boom.self) {
                    try await client.withTransaction { c in
                        try await c.execute("INSERT INTO t VALUES (1)")
                        throw Boom()
                    }
                }
                try await client.withTransaction { c in try await c.execute("INSERT INTO t VALUES (2)") }
                let rows = try await client.query("SELECT n FROM t")
                #expect(try rows.map { try $0.decode("n", as: Int.self) } == [2])
            }
        }
    }

    @Test func statementTimeoutCancelsLongQueries() async throws {
        try await withTestDatabase(migrated: false) { db in
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, statementTimeout: .milliseconds(300)))
            defer { Task { await client.close() } }
            do {
                try await client.query("SELECT pg_sleep(5)")
                Issue.record("expected a timeout")
            } catch let error as DatabaseError {
                #expect(error.code == .timeout)
                #expect(error.sqlState == "57014")
            }
            try await client.ping()  // the connection is still usable
        }
    }

    @Test func blockingCallsDoNotOccupyTheCooperativePool() async throws {
        // Twelve 4 s statements on twelve connections, watched in pg_stat_activity from a
        // thirteenth. Were libpq's blocking calls on Swift's cooperative pool (one thread per
        // core, two here), no more than two would ever run at once, and the watcher would wait
        // for a thread too. Counting them, not timing them, holds on a loaded machine.
        try await withTestDatabase(migrated: false) { db in
            try await db.withClient(maxConnections: 13) { client in
                // Open all thirteen connections first.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<13 { group.addTask { try await client.query("SELECT pg_sleep(0.05)") } }
                    try await group.waitForAll()
                }
                let sleeping = Task {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<12 { group.addTask { try await client.query("SELECT pg_sleep(4)") } }
                        try await group.waitForAll()
                    }
                }
                var mostAtOnce = 0
                let deadline = ContinuousClock.now + .seconds(20)
                while mostAtOnce < 12, ContinuousClock.now < deadline {
                    let running = try await client.query("""
                        SELECT count(*)::int AS n FROM pg_stat_activity
                        WHERE datname = current_database() AND state = 'active' AND query = 'SELECT pg_sleep(4)'
                        """)
                    mostAtOnce = max(mostAtOnce, try running[0].decode("n", as: Int.self))
                    try await Task.sleep(for: .milliseconds(50))
                }
                try await sleeping.value
                #expect(mostAtOnce == 12, "at most \(mostAtOnce) of the twelve statements ran at once")
            }
        }
    }

    @Test func poolLimitsConnectionsAndTimesOutWaiters() async throws {
        try await withTestDatabase(migrated: false) { db in
            // 40 concurrent queries through 2 connections all succeed (waiting up to 30 s, so a
            // busy machine does not fail it).
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 2, leaseTimeout: .seconds(30)))
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<40 { group.addTask { try await client.query("SELECT \(i)::int AS n").first!.decode("n", as: Int.self) } }
                var seen = Set<Int>()
                for try await n in group { seen.insert(n) }
                #expect(seen.count == 40)
            }
            let backends = try await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()")
            #expect(try backends[0].decode("n", as: Int.self) <= 2)
            await client.close()
            // Both connections held: a third lease times out with a clear error.
            let short = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 2, leaseTimeout: .milliseconds(200)))
            try await short.withConnection { _ in
                try await short.withConnection { _ in
                    let started = ContinuousClock.now
                    do {
                        try await short.ping()
                        Issue.record("expected a pool timeout")
                    } catch let error as DatabaseError {
                        #expect(error.code == .poolTimeout)
                        #expect(started.duration(to: .now) < .seconds(5))
                    }
                }
            }
            await short.close()
        }
    }

    @Test func reconnectsAfterTheServerDropsConnections() async throws {
        try await withTestDatabase(migrated: false) { db in
            let appName = "fte-reconnect-\(UUID().uuidString.prefix(8))"
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 3, applicationName: appName))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await client.query("SELECT pg_sleep(0.05)") } }
                try await group.waitForAll()
            }
            // What a server restart does to every open connection: terminate them.
            try await db.withClient { admin in
                let killed = try await admin.query(
                    "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = \(appName)")
                #expect(try killed[0].decode("n", as: Int.self) == 3)
            }
            try await Task.sleep(for: .milliseconds(100))
            // Every path recovers without an error reaching the caller.
            try await client.ping()
            let value = try await client.withTransaction { c in try await c.query("SELECT 7 AS n")[0].decode("n", as: Int.self) }
            #expect(value == 7)
            await client.close()
        }
    }

    @Test func statementsArePreparedOnceAndReusedPerConnection() async throws {
        try await withTestDatabase(migrated: false) { db in
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1))
            for n in 0..<3 { _ = try await client.query("SELECT \(n)::int AS n") }
            let prepared = try await client.query("SELECT statement FROM pg_prepared_statements ORDER BY statement")
            #expect(try prepared.map { try $0.decode("statement", as: String.self) } == [
                "SELECT $1::int AS n", "SELECT statement FROM pg_prepared_statements ORDER BY statement",
            ])
            await client.close()
            // Disabled (for PgBouncer in transaction mode): nothing is prepared.
            let unprepared = Database(configuration: try DatabaseConfiguration(url: db.url, statementCacheCapacity: 0))
            _ = try await unprepared.query("SELECT \(1)::int AS n")
            #expect(try await unprepared.query("SELECT statement FROM pg_prepared_statements").isEmpty)
            await unprepared.close()
        }
    }

    @Test func theLeastRecentlyUsedStatementIsDeallocatedWhenTheCacheIsFull() async throws {
        try await withTestDatabase(migrated: false) { db in
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1, statementCacheCapacity: 2))
            _ = try await client.query("SELECT 1 AS a")
            _ = try await client.query("SELECT 2 AS b")
            _ = try await client.query("SELECT 1 AS a")  // now b is the least recently used
            let prepared = try await client.query("SELECT statement FROM pg_prepared_statements ORDER BY statement")
            #expect(try prepared.map { try $0.decode("statement", as: String.self) } == [
                "SELECT 1 AS a", "SELECT statement FROM pg_prepared_statements ORDER BY statement",
            ])
            await client.close()
        }
    }

    @Test func preparedStatementsRecoverFromSchemaChangesAndDeallocation() async throws {
        try await withTestDatabase(migrated: false) { db in
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 1))
            try await client.execute("CREATE TABLE t (a int)")
            try await client.execute("INSERT INTO t VALUES (1)")
            #expect(try await client.query("SELECT * FROM t")[0].decode("a", as: Int.self) == 1)
            // The prepared plan's result type changes: the server refuses it; it is prepared again.
            try await client.execute("ALTER TABLE t ADD COLUMN b int DEFAULT 2")
            #expect(try await client.query("SELECT * FROM t")[0].decode("b", as: Int.self) == 2)
            // A script deallocates everything behind the cache's back.
            try await client.withConnection { try await $0.executeScript(unsafeSQL: "DEALLOCATE ALL") }
            #expect(try await client.query("SELECT * FROM t")[0].decode("a", as: Int.self) == 1)
            await client.close()
        }
    }

    @Test func sessionsCarryTheKnowledgeSearchSettings() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let row = try await client.query(
                    "SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan")[0]
                #expect(try row.decode("ef", as: String.self) == "100")
                #expect(try row.decode("scan", as: String.self) == "relaxed_order")
            }
        }
    }

    @Test func preparedStatementsKeepTheirFirstPlan() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let mode = try await client.query("SELECT current_setting('plan_cache_mode') AS mode")[0]
                #expect(try mode.decode("mode", as: String.self) == "force_generic_plan")
                // The first execution of a prepared statement with a parameter already runs its generic plan.
                try await client.execute("CREATE TABLE t (a int PRIMARY KEY)")
                let plans = try await client.withConnection { connection in
                    _ = try await connection.query("SELECT a FROM t WHERE a = \(1)")
                    return try await connection.query(
                        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE 'SELECT a FROM t WHERE a = %'")
                }
                #expect(try plans.first?.decode("generic_plans", as: Int.self) == 1)
                #expect(try plans.first?.decode("custom_plans", as: Int.self) == 0)
            }
        }
    }
}
