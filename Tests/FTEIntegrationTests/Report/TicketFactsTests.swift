import FTECore
import FTETestSupport
import Foundation
import Testing

/// The per-ticket facts the report reads (migration 31) follow every later write — a reply
/// delivered through the outbox or confirmed by a status callback, a person's reply, the
/// customer writing again, an escalation — and a database filled before the migration gives,
/// once migrated, the report of one filled after it.
@Suite(.timeLimit(.minutes(3))) struct TicketFactsTests {
    private let day = ReportFixtureDay.self

    private func report(_ database: Database) async throws -> SupportReport {
        try await SupportReportBuilder(database: database, gaps: nil).report(day.period, now: day.at(24 * 4))
    }

    @Test func laterDeliveriesRepliesAndMessagesUpdateTheFacts() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await day.insert(into: database)
                let before = try await report(database)
                #expect(before.responseTimes.first { $0.channel == .email }?.firstResponse == DurationSummary(count: 1, p50: 20, p90: 20))

                // Dora's open ticket (e-mail, 15:00): the model answers at 15:00:10; the outbox has not sent it yet.
                try await database.execute(
                    """
                    INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, delivery_status,
                                          answered_by, model, created_at)
                    VALUES ('f3000000-0000-4000-8000-000000000005', \(day.doraEmail), \(day.open), 'email', 'outbound', 'agent',
                            'The team plan includes 10 seats.', 'pending', 'model', 'gemini-test', \(day.at(15, 0, 10)))
                    """)
                try await database.execute(
                    """
                    INSERT INTO outbox (message_id, channel, recipient, payload)
                    VALUES ('f3000000-0000-4000-8000-000000000005', 'email', 'dora@example.com', '{}')
                    """)
                var now = try await report(database)
                var email = try #require(now.outcomes.first { $0.channel == .email })
                #expect(email.answeredByAgent == 2 && email.open == 0, "answered once stored")
                #expect(now.responseTimes.first { $0.channel == .email }?.firstResponse.count == 1, "not delivered yet")

                // Gmail accepts it 40 s after Dora's message: her first response is 40 s.
                try await database.execute(
                    "UPDATE outbox SET status = 'sent', sent_at = \(day.at(15, 0, 40)) WHERE message_id = 'f3000000-0000-4000-8000-000000000005'")
                now = try await report(database)
                let emailTimes = try #require(now.responseTimes.first { $0.channel == .email })
                #expect(emailTimes.firstResponse.count == 2 && emailTimes.firstResponse.p50 == 30)
                #expect(abs((emailTimes.firstResponse.p90 ?? 0) - 38) < 1e-6)
                #expect(now.responseTimes.first { $0.channel == .email }?.agent.count == 2)

                // Dora writes again 2 h after the answer (on e-mail): reopened.
                try await database.execute(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status, created_at)
                    VALUES (\(day.doraEmail), 'email', 'inbound', 'customer', 'And for 12 people?', 'received', \(day.at(17)))
                    """)
                now = try await report(database)
                email = try #require(now.outcomes.first { $0.channel == .email })
                #expect(email.reopened == 2 && email.automated == 0)

                // A person replies too: no longer answered by the agent alone, open again.
                try await database.execute(
                    """
                    INSERT INTO messages (conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by,
                                          created_at)
                    VALUES (\(day.doraEmail), \(day.open), 'email', 'outbound', 'human', 'Up to 12 on request.', 'pending', 'human',
                            \(day.at(18)))
                    """)
                now = try await report(database)
                email = try #require(now.outcomes.first { $0.channel == .email })
                #expect(email.answeredByAgent == 1 && email.open == 1 && email.reopened == 1)

                // A person answers Ben's quote on the web form at 11:00 (no e-mail: nothing in the outbox); the reply
                // counts once the status page has shown it.
                try await database.execute(
                    """
                    INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, delivery_status,
                                          answered_by, created_at)
                    VALUES ('f3000000-0000-4000-8000-000000000006', \(day.benWeb), \(day.escalatedTwice), 'web_form', 'outbound',
                            'human', 'Your quote is attached.', 'pending', 'human', \(day.at(11)))
                    """)
                now = try await report(database)
                #expect(now.responseTimes.first { $0.channel == .webForm }?.human.count == 0)
                try await database.execute(
                    "UPDATE messages SET delivery_status = 'delivered' WHERE id = 'f3000000-0000-4000-8000-000000000006'")
                now = try await report(database)
                let web = try #require(now.responseTimes.first { $0.channel == .webForm })
                #expect(web.human == DurationSummary(count: 1, p50: 3600, p90: 3600))
                #expect(web.firstResponse.count == 2 && web.firstResponse.p50 == 1802.5)

                // Dora's ticket escalated at 19:00: escalated and waiting, with no answer by the agent alone.
                try await database.execute(
                    """
                    INSERT INTO escalations (ticket_id, conversation_id, reason, created_by, created_at)
                    VALUES (\(day.open), \(day.doraEmail), 'human_requested', 'agent', \(day.at(19)))
                    """)
                now = try await report(database)
                email = try #require(now.outcomes.first { $0.channel == .email })
                #expect(email.escalatedWaiting == 1 && email.escalated == 1 && email.open == 0)
            }
        }
    }

    @Test func aDatabaseFilledBeforeTheMigrationGivesTheSameReport() async throws {
        let (filledAfter, backfilled) = try await day.reportsWrittenAfterAndBefore(migration: 31, report)
        #expect(backfilled == filledAfter)
        #expect(backfilled.totalOutcomes.reopened == 1 && backfilled.totalOutcomes.answeredByAgent == 2)
    }
}
