import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte ticket show` prints an inbound message's local sentiment and, when a model answered, the
/// model's reading beside it (migration 15).
@Suite(.timeLimit(.minutes(3))) struct TicketShowSentimentTests {
    @Test func bothScoresAreShownAndOnlyZeroToOneIsStored() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await CRMFixtures.insert(into: client)
                _ = try await client.execute(
                    """
                    UPDATE messages SET sentiment = 0.21, model_sentiment = 0.15
                    WHERE channel_message_id = 'SM00000000000000000000000000000001'
                    """)
                _ = try await client.execute(
                    "UPDATE messages SET sentiment = 0.64 WHERE channel_message_id = \(CRMFixtures.openTicket.lowercasedString)")
                await #expect(throws: DatabaseError.self) {
                    _ = try await client.execute("UPDATE messages SET model_sentiment = 1.5 WHERE direction = 'inbound'")
                }
            }
            let env = ["FTE_DATABASE_URL": db.url]
            let text = try await FTEBinary.run(["ticket", "show", CRMFixtures.escalatedTicket.uuidString], environment: env)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("↳ sentiment 0.21 (local) · 0.15 (model)"), "\(text.stdout)")
            #expect(text.stdout.contains("↳ sentiment 0.64\n"), "no model score, no model part: \(text.stdout)")
            let json = try await FTEBinary.run(["ticket", "show", CRMFixtures.escalatedTicket.uuidString, "--format", "json"], environment: env)
            let detail = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let messages = try #require(detail["messages"] as? [[String: Any]])
            let scored = try #require(messages.first { ($0["model_sentiment"] as? Double) != nil })
            #expect(abs((scored["model_sentiment"] as? Double ?? 0) - 0.15) < 0.001)
            #expect(abs((scored["sentiment"] as? Double ?? 0) - 0.21) < 0.001)
        }
    }
}
