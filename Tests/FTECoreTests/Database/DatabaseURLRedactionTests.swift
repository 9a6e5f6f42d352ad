import Testing
@testable import FTECore

@Suite struct DatabaseURLRedactionTests {
    @Test(arguments: [
        ("postgres://u:secret@db.example.com:5432/fte", "postgres://u:***@db.example.com:5432/fte"),
        ("postgres://u:secret@[bad/db", "postgres://u:***@[bad/db"),
        ("postgresql://u:p@ss/w@rd@host/db", "postgresql://u:***@host/db"),
        ("postgres://u:se%40cret@host/db?sslmode=require", "postgres://u:***@host/db?sslmode=require"),
        ("postgres://host/db?user=u&password=secret&sslmode=require", "postgres://host/db?user=u&password=***&sslmode=require"),
        ("postgres://fte@127.0.0.1:54329/fte", "postgres://fte@127.0.0.1:54329/fte"),
        ("postgres:///fte?host=/run/pg&port=5432", "postgres:///fte?host=/run/pg&port=5432"),
    ])
    func passwordsAreMaskedWithoutParsingTheURL(url: String, expected: String) {
        #expect(DatabaseURLRedaction.redact(url) == expected)
        #expect(DatabaseConfiguration.redact(url) == expected)
    }

    @Test func libpqMessagesQuotingTheURLAreRedacted() {
        let url = "postgres://u:secret@[bad/db"
        let message = #"missing "]" in IPv6 host address in URI: "postgres://u:secret@[bad/db""#
        let redacted = DatabaseURLRedaction.redact(message, mentioning: url)
        #expect(!redacted.contains("secret"))
        #expect(redacted.contains("postgres://u:***@[bad/db"))
        // libpq quotes a bad percent-encoded password on its own.
        let token = DatabaseURLRedaction.redact(#"invalid percent-encoded token: "se%zzcret""#, mentioning: "postgres://u:se%zzcret@h/db")
        #expect(!token.contains("zzcret"))
    }
}
