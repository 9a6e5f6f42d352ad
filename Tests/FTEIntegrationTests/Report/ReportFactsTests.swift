import FTECore
import FTETestSupport
import Foundation
import Testing

/// What migration 32 keeps at write time for `fte report`: each message's previous one on its
/// conversation's channel (the per-channel conversation counts equal a distinct count over the
/// messages for any period, through inserts out of order, equal times, moves and deletions),
/// the questions' cleaned texts (read when stored by the current cleaner, cleaned and stored
/// otherwise), and the ticket facts' inbound refresh, which two writers of one customer's
/// messages run at once without a deadlock.
@Suite(.timeLimit(.minutes(4))) struct ReportFactsTests {
    private let day = ReportFixtureDay.self

    /// Conversations with a message on each channel in `period`, counted the old way: distinct
    /// over the period's messages.
    private func distinctConversations(_ database: Database, _ period: ReportPeriod) async throws -> [Int] {
        let rows = try await database.query(
            """
            SELECT ch.channel, (SELECT count(DISTINCT m.conversation_id)::int FROM messages m
                                WHERE m.channel = ch.channel AND m.created_at >= \(period.since) AND m.created_at < \(period.until)) AS n
            FROM unnest(ARRAY['email', 'whatsapp', 'web_form']) WITH ORDINALITY AS ch(channel, position) ORDER BY ch.position
            """)
        return try rows.map { try $0.decode("n") }
    }

    /// Every period between two of the given hours of the fixture day (and the day itself), read
    /// alone and together with the one before, equals the distinct count.
    private func expectConversationsMatch(_ database: Database, hours: [Double], _ note: String) async throws {
        var periods = [day.period]
        for (start, end) in zip(hours, hours.dropFirst()) where start < end {
            periods.append(ReportPeriod(since: day.day.addingTimeInterval(start * 3600), until: day.day.addingTimeInterval(end * 3600)))
        }
        for period in periods {
            let both = try await ChannelFigures.readWithPrevious(period, from: database)
            #expect(both.current.map(\.conversations) == (try await distinctConversations(database, period)), "\(note): \(period)")
            #expect(both.previous.map(\.conversations) == (try await distinctConversations(database, period.previous)), "\(note)")
            #expect(try await ChannelFigures.read(period, from: database).map(\.conversations) == both.current.map(\.conversations))
        }
    }

    @Test func conversationsPerChannelEqualADistinctCountAfterEveryWrite() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await day.insert(into: database)
                let hours: [Double] = [-3, -2, 0, 8.5, 9, 9.001, 10, 11.5, 12, 12.5, 15, 15.5, 16, 19, 20, 20.0001, 21, 22, 23, 24]
                try await expectConversationsMatch(database, hours: hours, "the fixture day")
                // Out of order: Ana's e-mail conversation gets a message at 08:30, before everything in it, and two at
                // 11:00 (the same time) in one statement; Chen writes by e-mail in his WhatsApp conversation.
                try await database.execute(
                    """
                    INSERT INTO messages (id, conversation_id, channel, direction, role, content, delivery_status, created_at) VALUES
                      ('f4000000-0000-4000-8000-000000000001', \(day.anaEmail), 'email', 'inbound', 'customer', 'Early', 'received', \(day.at(8, 30))),
                      ('f4000000-0000-4000-8000-000000000002', \(day.anaEmail), 'email', 'inbound', 'customer', 'Same time', 'received', \(day.at(11))),
                      ('f4000000-0000-4000-8000-000000000003', \(day.anaEmail), 'email', 'outbound', 'agent', 'Same time', 'sent', \(day.at(11))),
                      ('f4000000-0000-4000-8000-000000000004', \(day.chenWhatsApp), 'email', 'inbound', 'customer', 'By mail', 'received', \(day.at(13)))
                    """)
                let more = hours + [8.4, 8.6, 10.9, 11, 11.0001, 12.9, 13, 14]
                try await expectConversationsMatch(database, hours: more.sorted(), "after inserts out of order")
                // Ana's 08:30 message moves to 21:00 and to her WhatsApp conversation; Chen's e-mail is deleted.
                try await database.execute(
                    """
                    UPDATE messages SET created_at = \(day.at(21)), conversation_id = \(day.anaWhatsApp), channel = 'whatsapp'
                    WHERE id = 'f4000000-0000-4000-8000-000000000001'
                    """)
                try await database.execute("DELETE FROM messages WHERE id = 'f4000000-0000-4000-8000-000000000004'")
                try await expectConversationsMatch(database, hours: (more + [20.5, 21.5]).sorted(), "after a move and a deletion")
            }
        }
    }

    @Test func storedQuestionTextsAreReadAndOthersCleanedAndStored() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await day.insert(into: database)
                let gaps = KnowledgeGapFinder(database: database, topics: nil)
                let chens = UUID(uuidString: "f0000000-0000-4000-8000-000000000004")!
                func stored() async throws -> [String] {
                    try await database.query(
                        "SELECT cleaner, text FROM question_texts WHERE message_id = \(chens)"
                    ).map { "\(try $0.decode("cleaner", as: Int.self)): \(try $0.decode("text", as: String.self))" }
                }
                // Nothing stored (a question recorded before migration 32): cleaned, and stored for the next report.
                #expect(try await stored().isEmpty)
                #expect(try await gaps.report(day.period).groups.map(\.example) == [day.gapQuestion])
                #expect(try await stored() == ["\(QuestionText.version): \(day.gapQuestion)"])
                // A stored text is read, not cleaned again from the message.
                try await database.execute("UPDATE question_texts SET text = 'Export boards to Trello?' WHERE message_id = \(chens)")
                #expect(try await gaps.report(day.period).groups.map(\.example) == ["Export boards to Trello?"])
                // One stored by an older cleaner is cleaned again and replaced.
                try await database.execute(
                    "UPDATE question_texts SET cleaner = \(QuestionText.version - 1) WHERE message_id = \(chens)")
                #expect(try await gaps.report(day.period).groups.map(\.example) == [day.gapQuestion])
                #expect(try await stored() == ["\(QuestionText.version): \(day.gapQuestion)"])
            }
        }
    }

    @Test func concurrentWritersOfOneCustomersMessagesNeverDeadlock() async throws {
        try await withTestDatabase { db in
            try await db.withClient(maxConnections: 3) { database in
                // One customer with 24 tickets the agent answered an hour apart, in 6 conversations.
                let customer = UUID()
                let conversations = (0..<6).map { _ in UUID() }
                let start = Date().addingTimeInterval(-48 * 3600)
                try await database.execute("INSERT INTO customers (id, name) VALUES (\(customer), 'Kim Park')")
                for (index, conversation) in conversations.enumerated() {
                    try await database.execute(
                        """
                        INSERT INTO conversations (id, customer_id, initial_channel, last_channel)
                        VALUES (\(conversation), \(customer), \(Channel.allCases[index % 3].rawValue), \(Channel.allCases[index % 3].rawValue))
                        """)
                }
                var tickets: [UUID] = []
                for index in 0..<24 {
                    let (ticket, at) = (UUID(), start.addingTimeInterval(Double(index) * 3600))
                    tickets.append(ticket)
                    let conversation = conversations[index % 6]
                    let channel = Channel.allCases[index % 6 % 3].rawValue
                    try await database.execute(
                        """
                        INSERT INTO tickets (id, customer_id, conversation_id, source_channel, status, created_at)
                        VALUES (\(ticket), \(customer), \(conversation), \(channel), 'processing', \(at))
                        """)
                    try await database.execute(
                        """
                        INSERT INTO messages (conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by, created_at)
                        VALUES (\(conversation), \(ticket), \(channel), 'outbound', 'agent', 'Answer', 'sent', 'model', \(at.addingTimeInterval(5)))
                        """)
                }
                // Rounds of two transactions at once, each writing inbound messages of the customer at times
                // spread over the answers (each refreshes a different set of the customer's tickets), and a
                // third that, as the worker and `fte ticket reply` do, changes a ticket and then writes its reply.
                var generator = SystemRandomNumberGenerator()
                for round in 0..<120 {
                    let writes = (0..<2).map { _ in
                        (0..<3).map { _ in
                            (conversations.randomElement(using: &generator)!, start.addingTimeInterval(Double.random(in: 0...(26 * 3600), using: &generator)))
                        }
                    }
                    let replied = tickets.randomElement(using: &generator)!
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            try await database.withTransaction { connection in
                                try await connection.execute("UPDATE tickets SET status = 'processing' WHERE id = \(replied)")
                                try await connection.execute(
                                    """
                                    INSERT INTO messages (conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by)
                                    SELECT conversation_id, id, source_channel, 'outbound', 'agent', \("Reply \(round)"), 'sent', 'model'
                                    FROM tickets WHERE id = \(replied)
                                    """)
                            }
                        }
                        for messages in writes {
                            group.addTask {
                                try await database.withTransaction { connection in
                                    for (conversation, at) in messages {
                                        try await connection.execute(
                                            """
                                            INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status, created_at)
                                            SELECT id, initial_channel, 'inbound', 'customer', \("Round \(round)"), 'received', \(at)
                                            FROM conversations WHERE id = \(conversation)
                                            """)
                                    }
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                // The facts kept so equal the facts recomputed from scratch.
                let facts: SQLQuery = """
                    SELECT concat_ws(' ', id, agent_reply_at, first_reply_delivered_at, agent_reply_delivered_at, next_inbound_at) AS facts
                    FROM tickets WHERE customer_id = \(customer) ORDER BY id
                    """
                let kept = try await database.query(facts).map { try $0.decode("facts", as: String.self) }
                try await database.execute(
                    """
                    UPDATE tickets SET agent_reply_at = NULL, first_reply_delivered_at = NULL, agent_reply_delivered_at = NULL,
                                       next_inbound_at = NULL
                    WHERE customer_id = \(customer)
                    """)
                try await database.execute("SELECT refresh_ticket_facts(ARRAY(SELECT id FROM tickets WHERE customer_id = \(customer)))")
                let recomputed = try await database.query(facts).map { try $0.decode("facts", as: String.self) }
                #expect(kept == recomputed)
                #expect(kept.count == 24)
                // Each message's previous one on its channel, written out of order by the writers, is the true one.
                let wrong = try await database.query(
                    """
                    SELECT count(*)::int AS wrong FROM (
                        SELECT m.channel_previous_at,
                               lag(m.created_at) OVER (PARTITION BY m.conversation_id, m.channel ORDER BY m.created_at, m.id) AS previous
                        FROM messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE c.customer_id = \(customer)) x
                    WHERE x.channel_previous_at IS DISTINCT FROM x.previous
                    """)[0].decode("wrong", as: Int.self)
                #expect(wrong == 0)
            }
        }
    }

    @Test func aDatabaseFilledBeforeMigration32GivesTheSameReport() async throws {
        func report(_ database: Database) async throws -> SupportReport {
            try await SupportReportBuilder(database: database, gaps: KnowledgeGapFinder(database: database, topics: nil))
                .report(day.period, now: day.at(24 * 4))
        }
        let (filledAfter, backfilled) = try await day.reportsWrittenAfterAndBefore(migration: 32, report)
        #expect(backfilled == filledAfter)
        #expect(backfilled.channels.map(\.conversations) == [2, 2, 1])
        #expect(backfilled.previousChannels.map(\.conversations) == [1, 0, 0])
    }
}
