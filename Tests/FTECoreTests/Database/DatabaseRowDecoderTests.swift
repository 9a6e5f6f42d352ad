import Foundation
import Testing
@testable import FTECore

/// Records read from rows through their coding keys (``DatabaseRowDecoder``), as
/// `fte ticket show` reads escalations, with the errors of `DatabaseRow.decode`.
@Suite struct DatabaseRowDecoderTests {
    static func row(_ columns: [(String, String?)]) -> DatabaseRow {
        DatabaseRow(columns: ColumnIndex(names: columns.map(\.0)), values: columns.map(\.1))
    }

    /// Figures of every scalar kind, read like the product's records.
    struct Figures: Decodable, DatabaseRowDecodable {
        var channel: String
        var conversations: Int
        var messages: Int
        var averageSentiment: Double?
        var escalations: Int

        enum CodingKeys: String, CodingKey {
            case channel, conversations, messages, escalations
            case averageSentiment = "average_sentiment"
        }
    }

    static let escalation: [(String, String?)] = [
        ("id", "6f1c1d52-3d8e-4c55-9d7a-0b8c2a1e4f10"), ("reason", "refund over the limit"), ("summary", nil),
        ("status", "open"), ("created_by", "agent"), ("created_at", "2026-12-07 10:15:30.123+00"),
        ("resolved_at", nil), ("ticket_id", "not read"),
    ]

    @Test func aRecordIsReadFromTheColumnsItsCodingKeysName() throws {
        let record = try EscalationRecord(row: Self.row(Self.escalation))
        #expect(record.id == UUID(uuidString: "6f1c1d52-3d8e-4c55-9d7a-0b8c2a1e4f10"))
        #expect(record.reason == "refund over the limit")
        #expect(record.summary == nil)
        #expect(record.createdBy == "agent")
        #expect(record.createdAt == PostgresTimestamp.parse("2026-12-07 10:15:30.123+00"))
        #expect(record.resolvedAt == nil)
    }

    @Test func scalarsOfEveryKindAreRead() throws {
        let metrics = try Figures(row: Self.row([
            ("channel", "email"), ("conversations", "3"), ("messages", "7"), ("average_sentiment", "0.62"), ("escalations", "0"),
        ]))
        #expect(metrics.conversations == 3 && metrics.messages == 7 && metrics.escalations == 0)
        #expect(metrics.averageSentiment == 0.62)
        let document = try KnowledgeDocumentRecord(row: Self.row([
            ("source", "billing/refunds.md"), ("title", "Refunds"), ("category", "billing"), ("format", "markdown"),
            ("chunks", "4"), ("ingested_at", "2026-12-07 10:15:30+00"), ("updated_at", "2026-12-07 10:15:30+00"),
        ]))
        #expect(document.chunks == 4 && document.category == "billing")
    }

    @Test func nullInARequiredFieldIsADecodingError() {
        var columns = Self.escalation
        columns[1].1 = nil
        #expect { try EscalationRecord(row: Self.row(columns)) } throws: { error in
            (error as? DatabaseError)?.code == .decodingFailed && "\(error)".contains("reason")
        }
    }

    /// An optional field is read from its column too: a query that forgets the column fails
    /// loudly instead of reading nil.
    @Test func aMissingColumnIsAnErrorEvenForAnOptionalField() {
        let columns = Self.escalation.filter { $0.0 != "summary" }
        #expect { try EscalationRecord(row: Self.row(columns)) } throws: { error in
            (error as? DatabaseError)?.code == .decodingFailed && "\(error)".contains("summary")
        }
    }

    @Test func unparseableTextIsADecodingError() {
        var columns = Self.escalation
        columns[0].1 = "not-a-uuid"
        #expect(throws: DatabaseError.self) { try EscalationRecord(row: Self.row(columns)) }
        #expect(throws: DatabaseError.self) {
            try Figures(row: Self.row([
                ("channel", "email"), ("conversations", "three"), ("messages", "7"), ("average_sentiment", nil), ("escalations", "0"),
            ]))
        }
    }
}
