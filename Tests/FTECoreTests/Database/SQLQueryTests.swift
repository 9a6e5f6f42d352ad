import Foundation
import Testing
@testable import FTECore

@Suite struct SQLQueryTests {
    @Test func interpolatedValuesBecomeNumberedBindParameters() {
        let status = "open"
        let limit = 5
        let query: SQLQuery = "SELECT id FROM tickets WHERE status = \(status) LIMIT \(limit)"
        #expect(query.sql == "SELECT id FROM tickets WHERE status = $1 LIMIT $2")
        #expect(query.binds == ["open", "5"])
    }

    @Test func injectionAttemptsStayValues() {
        let evil = "'; DROP TABLE tickets; --"
        let query: SQLQuery = "SELECT * FROM tickets WHERE subject = \(evil)"
        #expect(!query.sql.contains("DROP"))
        #expect(query.binds == [evil])
    }

    @Test func appendedFragmentsAreRenumbered() {
        var query: SQLQuery = "SELECT * FROM t WHERE a = \(1)"
        query.append(" AND b = \(2)")
        let inner: SQLQuery = "c = \("x")"
        query.append(" AND \(fragment: inner) AND d = \(Optional<String>.none)")
        #expect(query.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4")
        #expect(query.binds == ["1", "2", "x", nil])
    }

    @Test func aSharedValueIsBoundOnceWhereverItOccurs() {
        let vector = "[0.1,0.2]"
        let fragment: SQLQuery = "b <=> \(shared: vector)"
        let query: SQLQuery = "SELECT a <=> \(shared: vector), \(1) FROM t WHERE \(fragment: fragment) < \(2) AND c = \(shared: "other")"
        #expect(query.sql == "SELECT a <=> $1, $2 FROM t WHERE b <=> $1 < $3 AND c = $4")
        #expect(query.binds == [vector, "1", "2", "other"])
        // Equal values bound the ordinary way stay separate parameters.
        let plain: SQLQuery = "SELECT \(vector), \(vector)"
        #expect(plain.sql == "SELECT $1, $2")
    }

    @Test func arraysEncodeAsQuotedPostgresArrayLiterals() {
        #expect(["a", "b\"c", "d\\e"].postgresText == #"{"a","b\"c","d\\e"}"#)
        #expect([Int]().postgresText == "{}")
    }

    @Test func scalarEncodings() {
        #expect(true.postgresText == "t")
        #expect(Data([0x00, 0xab]).postgresText == "\\x00ab")
        #expect(UUID(uuidString: "AAAAAAAA-0000-4000-8000-000000000001")!.postgresText == "aaaaaaaa-0000-4000-8000-000000000001")
        #expect(Double.nan.postgresText == "NaN")
    }
}

@Suite struct PostgresTimestampTests {
    @Test func parsesServerOutputWithOffsetsAndFractions() throws {
        let date = try #require(PostgresTimestamp.parse("2026-11-25 05:44:00.123456+00"))
        #expect(abs(date.timeIntervalSince1970 - 1_795_585_440.123456) < 0.000_001)
        let shifted = try #require(PostgresTimestamp.parse("2026-11-25 07:44:00.123456+02"))
        #expect(shifted == date)
        let halfHour = try #require(PostgresTimestamp.parse("2026-11-25 11:14:00.123456+05:30"))
        #expect(halfHour == date)
        #expect(PostgresTimestamp.parse("2026-11-25") != nil)
        #expect(PostgresTimestamp.parse("2026-11-25T05:44:00Z") != nil)
    }

    @Test func rejectsMalformedText() {
        for bad in ["", "yesterday", "2026-13", "2026-11-25 5:44", "2026-11-25 05:44:00+", "2026-11-25 05:44:00 junk"] {
            #expect(PostgresTimestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatRoundTripsAtMicrosecondPrecision() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.654321)
        let text = PostgresTimestamp.format(date)
        #expect(text == "2023-11-14T22:13:20.654321Z")
        let back = try #require(PostgresTimestamp.parse(text))
        #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
    }
}

@Suite struct DatabaseConfigurationTests {
    @Test func rejectsNonPostgresURLs() {
        #expect(throws: DatabaseError.self) { try DatabaseConfiguration(url: "mysql://localhost/x") }
        #expect(throws: DatabaseError.self) { try DatabaseConfiguration(url: "postgres://h/x", maxConnections: 0) }
    }

    @Test func redactsPasswordsInErrorsAndLogs() throws {
        let configuration = try DatabaseConfiguration(url: "postgres://fte:s3cret@db.internal:5432/fte")
        #expect(configuration.redactedURL == "postgres://fte:***@db.internal:5432/fte")
        do {
            _ = try DatabaseConfiguration(url: "http://fte:s3cret@db.internal/fte")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    @Test func settingsReadTheEnvironmentAndValidateNumbers() throws {
        let env = [
            "FTE_DATABASE_URL": "postgres://a@b/c", "FTE_DATABASE_POOL_SIZE": "7", "FTE_DATABASE_STATEMENT_TIMEOUT": "2",
            "FTE_DATABASE_STATEMENT_CACHE": "0",
        ]
        let configuration = try DatabaseSettings.configuration(urlFlag: nil, environment: env)
        #expect(configuration.url == "postgres://a@b/c")
        #expect(configuration.maxConnections == 7)
        #expect(configuration.statementTimeout == .seconds(2))
        #expect(configuration.statementCacheCapacity == 0)
        #expect(try DatabaseSettings.configuration(urlFlag: nil, environment: [:]).statementCacheCapacity == 256)
        #expect(throws: DatabaseError.self) {
            try DatabaseSettings.configuration(urlFlag: nil, environment: ["FTE_DATABASE_STATEMENT_CACHE": "-1"])
        }
        let flagWins = try DatabaseSettings.configuration(urlFlag: "postgres://flag/db", environment: env)
        #expect(flagWins.url == "postgres://flag/db")
        #expect(throws: DatabaseError.self) {
            try DatabaseSettings.configuration(urlFlag: nil, environment: ["FTE_DATABASE_POOL_SIZE": "lots"])
        }
    }
}
