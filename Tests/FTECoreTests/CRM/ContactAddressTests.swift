import Foundation
import Testing
@testable import FTECore

@Suite struct ContactAddressTests {
    @Test(arguments: [
        ("Jane.Doe@Example.COM", "jane.doe@example.com"),
        ("  a+tag@sub.example.org ", "a+tag@sub.example.org"),
        ("Élodie@Exemple.FR", "élodie@exemple.fr"),
        (String(repeating: "é", count: 64) + "@example.com", String(repeating: "é", count: 64) + "@example.com"),
        ("a@example.éé", "a@example.éé"),
    ])
    func emailsAreLowerCased(input: String, expected: String) {
        #expect(ContactAddress(input) == .email(expected))
    }

    @Test(arguments: [
        "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example.c", "a..b@example.com", "a@-x.com",
        "a@x-.com", "a@example..com", ".a@example.com", "a.@example.com", "a@example.é", "a@example.com.",
        String(repeating: "a", count: 65) + "@example.com", "a@" + String(repeating: "b", count: 250) + ".com",
    ])
    func malformedEmailsAreRejected(input: String) {
        #expect(ContactAddress(input) == nil)
    }

    @Test(arguments: [
        ("+1 (415) 555-0100", "+14155550100"),
        ("whatsapp:+14155550100", "+14155550100"),
        ("0049 30 1234567", "+49301234567"),
        ("+44.20.7946.0958", "+442079460958"),
    ])
    func phonesNormaliseToE164(input: String, expected: String) {
        #expect(ContactAddress(input) == .phone(expected))
    }

    @Test(arguments: ["4155550100", "+0123456789", "+12", "+1234567890123456", "+1415abc0100", "nope"])
    func nonInternationalPhonesAreRejected(input: String) {
        #expect(ContactAddress(input) == nil)
    }
}

@Suite struct TicketFilterTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func sinceAcceptsAgesAndDates() throws {
        #expect(TicketFilter.parseSince("24h", now: now) == now.addingTimeInterval(-86_400))
        #expect(TicketFilter.parseSince("90m", now: now) == now.addingTimeInterval(-5_400))
        #expect(TicketFilter.parseSince("7d", now: now) == now.addingTimeInterval(-604_800))
        let day = try #require(TicketFilter.parseSince("2026-11-24", now: now))
        #expect(PostgresTimestamp.format(day) == "2026-11-24T00:00:00.000000Z")
        #expect(TicketFilter.parseSince("2026-11-24T08:00:00Z", now: now) != nil)
    }

    @Test(arguments: ["", "soon", "-3h", "24x", "2026-24-11"])
    func sinceRejectsGarbage(input: String) {
        #expect(TicketFilter.parseSince(input, now: now) == nil)
    }

    @Test(arguments: ["99999999999999999h", "9999999999999h", "36601d", "1e300w", "nanh", "infd", "0000-01-01", "1969-12-31",
                      "2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-11-24T25:00:00Z", "10000-01-01"])
    func sinceRefusesOutOfRangeAgesAndImpossibleDates(input: String) {
        #expect(TicketFilter.parseSince(input, now: now) == nil)
    }

    @Test func sinceTakesTheEdgesOfItsRanges() {
        #expect(TicketFilter.parseSince("36500d", now: now) == now.addingTimeInterval(-36_500 * 86_400))
        #expect(TicketFilter.parseSince("2024-02-29", now: now) != nil)
        #expect(TicketFilter.parseSince("1970-01-01", now: now) == Date(timeIntervalSince1970: 0))
        #expect(TicketFilter.parseSince("9999-12-31T23:59:59Z", now: now) != nil)
    }

    @Test func whereClauseBindsEveryFilter() {
        let filter = TicketFilter(status: .open, channel: .webForm, customer: .phone("+14155550100"), since: now)
        let clause = filter.whereClause
        #expect(clause.sql.hasPrefix("WHERE t.status = $1 AND t.source_channel = $2 AND"))
        #expect(clause.binds.count == 4)
        #expect(clause.binds[0] == "open" && clause.binds[1] == "web_form" && clause.binds[2] == "+14155550100")
        #expect(TicketFilter().whereClause.sql == "")
    }

    @Test func transitionsFollowTheTicketLifecycle() {
        #expect(TicketStore.allows(from: .open, to: .escalated))
        #expect(TicketStore.allows(from: .escalated, to: .resolved))
        #expect(!TicketStore.allows(from: .resolved, to: .resolved))
        #expect(!TicketStore.allows(from: .resolved, to: .escalated))
        #expect(!TicketStore.allows(from: .escalated, to: .escalated))
    }
}

@Suite struct RecordEncodingTests {
    @Test func idsEncodeInLowerCase() throws {
        let record = CustomerRecord(id: UUID(uuidString: "AAAAAAAA-0000-4000-8000-00000000000A")!, name: nil, identifiers: [])
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(json.contains("aaaaaaaa-0000-4000-8000-00000000000a"))
    }
}
