import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte eval --from-tickets`: recorded tickets a person resolved become scenarios with the
/// person's outcome as the expectation.
@Suite(.timeLimit(.minutes(3))) struct TicketReplayTests {
    @Test func ticketsAPersonResolvedBecomeScenarios() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await CRMFixtures.insert(into: client)
                // The fixtures' inbound messages belong to their tickets.
                _ = try await client.execute(
                    """
                    UPDATE messages SET ticket_id = CASE channel_message_id
                        WHEN \(CRMFixtures.openTicket.lowercasedString) THEN \(CRMFixtures.openTicket)::uuid
                        WHEN 'SM00000000000000000000000000000001' THEN \(CRMFixtures.escalatedTicket)::uuid
                        WHEN '18c2f0a1b2c3d4e5' THEN \(CRMFixtures.resolvedTicket)::uuid END
                    WHERE channel_message_id IS NOT NULL AND conversation_id = \(CRMFixtures.janeConversation)
                    """)
                let tickets = TicketStore(database: client)
                _ = try await tickets.resolve(CRMFixtures.escalatedTicket, note: "Fixed the crash by hand", actor: "ana")
                _ = try await tickets.resolve(CRMFixtures.openTicket, note: "The answer was right", actor: "ana")

                let scenarios = try await TicketReplay.scenarios(since: Date().addingTimeInterval(-3600), in: client)
                #expect(scenarios.count == 2, "the agent's own resolution and open tickets are left out: \(scenarios.map(\.id))")
                let escalated = try #require(scenarios.first { $0.id == "ticket-\(CRMFixtures.escalatedTicket.lowercasedString)" })
                #expect(escalated.channel == .whatsapp)
                #expect(escalated.customer.name == "Jane Doe")
                #expect(escalated.turns.map(\.message) == ["The app crashes when I open reports"])
                #expect(escalated.turns.last?.expect == ScenarioExpectation(escalate: true))
                let answered = try #require(scenarios.first { $0.id == "ticket-\(CRMFixtures.openTicket.lowercasedString)" })
                #expect(answered.channel == .webForm)
                #expect(answered.turns.last?.expect?.escalate == false)

                // A window that starts after the resolutions holds nothing.
                #expect(try await TicketReplay.scenarios(since: Date().addingTimeInterval(60), in: client).isEmpty)
            }
        }
    }
}
