import FTECore
import FTETestSupport
import Foundation

/// A day of support with known figures, for `fte report`'s tests: four customers (one new on
/// two channels, one returning on the web form, one new on WhatsApp, one returning by e-mail
/// who also wrote the day before), six tickets in every outcome (answered and reopened,
/// answered for good, escalated and resolved by a person, escalated and waiting, open, and
/// escalated twice with a failed delivery), a message without sentiment, model calls, and
/// messages outside the day. Every expected figure is worked out by hand in ReportTests.
enum ReportFixtureDay {
    /// 2026-11-10T00:00:00Z: the day is [day, day + 24 h).
    static let day = Date(timeIntervalSince1970: 1_794_268_800)
    static var period: ReportPeriod { ReportPeriod(since: day, until: day.addingTimeInterval(86_400)) }

    static func at(_ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        day.addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    static let ana = UUID(uuidString: "a0000000-0000-4000-8000-00000000000a")!    // new: e-mail and WhatsApp
    static let ben = UUID(uuidString: "b0000000-0000-4000-8000-00000000000b")!    // returning: web form
    static let chen = UUID(uuidString: "c0000000-0000-4000-8000-00000000000c")!   // new: WhatsApp
    static let dora = UUID(uuidString: "d0000000-0000-4000-8000-00000000000d")!   // returning: e-mail

    static let anaEmail = UUID(uuidString: "a1000000-0000-4000-8000-000000000001")!
    static let anaWhatsApp = UUID(uuidString: "a1000000-0000-4000-8000-000000000002")!
    static let benWeb = UUID(uuidString: "b1000000-0000-4000-8000-000000000001")!
    static let chenWhatsApp = UUID(uuidString: "c1000000-0000-4000-8000-000000000001")!
    static let doraEmail = UUID(uuidString: "d1000000-0000-4000-8000-000000000001")!
    static let doraYesterday = UUID(uuidString: "d1000000-0000-4000-8000-000000000002")!

    /// Ana, e-mail 09:00: answered by the model; Ana writes again at 20:00 (reopened).
    static let answeredReopened = UUID(uuidString: "e0000000-0000-4000-8000-000000000001")!
    /// Ben, web form 16:00, no sentiment: answered by the built-in responder, not reopened.
    static let answeredForGood = UUID(uuidString: "e0000000-0000-4000-8000-000000000002")!
    /// Ana, WhatsApp 20:00 (0.2): escalated (negative_sentiment), a person replied and resolved at 22:00.
    static let resolvedByPerson = UUID(uuidString: "e0000000-0000-4000-8000-000000000003")!
    /// Chen, WhatsApp 12:00: the model found nothing (no_relevant_knowledge), waiting.
    static let knowledgeGap = UUID(uuidString: "e0000000-0000-4000-8000-000000000004")!
    /// Dora, e-mail 15:00: no reply yet.
    static let open = UUID(uuidString: "e0000000-0000-4000-8000-000000000005")!
    /// Ben, web form 10:00: escalated (pricing_inquiry), the notice's delivery failed (delivery_failed).
    static let escalatedTwice = UUID(uuidString: "e0000000-0000-4000-8000-000000000006")!
    /// Dora, e-mail, the day before (previous period).
    static let yesterday = UUID(uuidString: "e0000000-0000-4000-8000-000000000007")!

    static let gapQuestion = "How do I export my boards to Trello? I need it for a client meeting."

    /// The report `report` makes of the day written into a fully migrated database, and of the
    /// day written before migration `version` (migrations before it only) and then migrated:
    /// what a backfill must reproduce.
    static func reportsWrittenAfterAndBefore(
        migration version: Int, _ report: (Database) async throws -> SupportReport
    ) async throws -> (filledAfter: SupportReport, backfilled: SupportReport) {
        let filledAfter = try await withTestDatabase { db in
            try await db.withClient { database in
                try await insert(into: database)
                return try await report(database)
            }
        }
        let backfilled = try await withTestDatabase(migrated: false) { db in
            try await db.withClient { database in
                try await Migrator(migrations: Migration.all.filter { $0.version < version }).migrate(database)
                try await insert(into: database)
                try await Migrator().migrate(database)
                return try await report(database)
            }
        }
        return (filledAfter, backfilled)
    }

    static func insert(into database: Database) async throws {
        try await database.withTransaction { c in
            try await c.execute(
                """
                INSERT INTO customers (id, name, created_at) VALUES
                  (\(ana), 'Ana Lima', \(at(8))), (\(ben), 'Ben Okafor', \(day.addingTimeInterval(-30 * 86_400))),
                  (\(chen), 'Chen Wei', \(at(11, 59))), (\(dora), 'Dora Novak', \(day.addingTimeInterval(-3 * 86_400)))
                """)
            try await c.execute(
                """
                INSERT INTO conversations (id, customer_id, initial_channel, last_channel, started_at) VALUES
                  (\(anaEmail), \(ana), 'email', 'email', \(at(9))),
                  (\(anaWhatsApp), \(ana), 'whatsapp', 'whatsapp', \(at(20))),
                  (\(benWeb), \(ben), 'web_form', 'web_form', \(at(10))),
                  (\(chenWhatsApp), \(chen), 'whatsapp', 'whatsapp', \(at(12))),
                  (\(doraEmail), \(dora), 'email', 'email', \(at(15))),
                  (\(doraYesterday), \(dora), 'email', 'email', \(at(-2)))
                """)
            try await c.execute(
                """
                INSERT INTO tickets (id, customer_id, conversation_id, source_channel, subject, status, resolved_by, resolved_at, created_at) VALUES
                  (\(answeredReopened), \(ana), \(anaEmail), 'email', 'Invoices', 'resolved', 'agent', \(at(9, 0, 10)), \(at(9))),
                  (\(answeredForGood), \(ben), \(benWeb), 'web_form', 'Password', 'resolved', 'agent', \(at(16, 0, 5)), \(at(16))),
                  (\(resolvedByPerson), \(ana), \(anaWhatsApp), 'whatsapp', NULL, 'resolved', 'ana.support', \(at(22)), \(at(20))),
                  (\(knowledgeGap), \(chen), \(chenWhatsApp), 'whatsapp', NULL, 'escalated', NULL, NULL, \(at(12))),
                  (\(open), \(dora), \(doraEmail), 'email', 'Seats', 'processing', NULL, NULL, \(at(15))),
                  (\(escalatedTwice), \(ben), \(benWeb), 'web_form', 'Quote', 'escalated', NULL, NULL, \(at(10))),
                  (\(yesterday), \(dora), \(doraYesterday), 'email', 'Login', 'resolved', 'agent', \(at(-2, 0, 9)), \(at(-2)))
                """)
            try await c.execute(
                """
                INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, channel_message_id,
                                      delivery_status, sentiment, created_at) VALUES
                  ('f0000000-0000-4000-8000-000000000001', \(anaEmail), \(answeredReopened), 'email', 'inbound', 'customer',
                   'Hi, where can I download my invoices?', 'gm-1', 'received', 0.8, \(at(9))),
                  ('f0000000-0000-4000-8000-000000000002', \(benWeb), \(answeredForGood), 'web_form', 'inbound', 'customer',
                   'Reset my password please', \(answeredForGood.lowercasedString), 'received', NULL, \(at(16))),
                  ('f0000000-0000-4000-8000-000000000003', \(anaWhatsApp), \(resolvedByPerson), 'whatsapp', 'inbound', 'customer',
                   'This is terrible, Lima here: the app lost all my work and nobody helps me', 'SM3', 'received', 0.2, \(at(20))),
                  ('f0000000-0000-4000-8000-000000000004', \(chenWhatsApp), \(knowledgeGap), 'whatsapp', 'inbound', 'customer',
                   \(gapQuestion), 'SM4', 'received', 0.5, \(at(12))),
                  ('f0000000-0000-4000-8000-000000000005', \(doraEmail), \(open), 'email', 'inbound', 'customer',
                   'How many seats does the team plan include?', 'gm-5', 'received', 0.6, \(at(15))),
                  ('f0000000-0000-4000-8000-000000000006', \(benWeb), \(escalatedTwice), 'web_form', 'inbound', 'customer',
                   'Great product! Can you send me a quote for 40 seats?', \(escalatedTwice.lowercasedString), 'received', 0.9, \(at(10))),
                  ('f0000000-0000-4000-8000-000000000007', \(doraYesterday), \(yesterday), 'email', 'inbound', 'customer',
                   'I cannot log in', 'gm-7', 'received', 0.4, \(at(-2)))
                """)
            try await c.execute(
                """
                UPDATE tickets t SET source_message_id = m.id FROM messages m
                WHERE m.ticket_id = t.id AND m.direction = 'inbound'
                """)
            try await c.execute(
                """
                INSERT INTO messages (id, conversation_id, ticket_id, reply_to_message_id, channel, direction, role, content,
                                      delivery_status, answered_by, model, tokens_used, model_latency_ms, model_call_ms,
                                      sources, tool_calls, created_at) VALUES
                  ('f1000000-0000-4000-8000-000000000001', \(anaEmail), \(answeredReopened), 'f0000000-0000-4000-8000-000000000001',
                   'email', 'outbound', 'agent', 'Invoices are under Settings > Billing.', 'sent', 'model', 'gemini-test', 100, 800,
                   '{300,500}', '[{"source": "billing.md", "heading_path": "Invoices", "chunk_id": 1}]',
                   '[{"name": "search_knowledge_base", "arguments": "{}", "result": "billing.md"}]', \(at(9, 0, 10))),
                  ('f1000000-0000-4000-8000-000000000002', \(benWeb), \(answeredForGood), 'f0000000-0000-4000-8000-000000000002',
                   'web_form', 'outbound', 'agent', 'Use Forgot password on the sign-in page.', 'delivered', 'builtin', NULL, NULL, NULL,
                   NULL, '[{"source": "account.md", "heading_path": "Password", "chunk_id": 2}]',
                   '[{"name": "search_knowledge_base", "arguments": "{}", "result": "account.md 0.8"}]', \(at(16, 0, 5))),
                  ('f1000000-0000-4000-8000-000000000003', \(anaWhatsApp), \(resolvedByPerson), 'f0000000-0000-4000-8000-000000000003',
                   'whatsapp', 'outbound', 'agent', 'I am sorry. A colleague will reply within one business day.', 'sent', 'builtin',
                   NULL, NULL, NULL, NULL, '[]', '[{"name": "escalate_to_human", "arguments": "{}", "result": "escalated"}]', \(at(20, 0, 3))),
                  ('f1000000-0000-4000-8000-000000000004', \(chenWhatsApp), \(knowledgeGap), 'f0000000-0000-4000-8000-000000000004',
                   'whatsapp', 'outbound', 'agent', 'A colleague will reply within one business day.', 'sent', 'model', 'gemini-test',
                   50, 400, '{400}', '[]', '[{"name": "search_knowledge_base", "arguments": "{}", "result": "No relevant passages found."}]',
                   \(at(12, 0, 20))),
                  ('f1000000-0000-4000-8000-000000000006', \(benWeb), \(escalatedTwice), 'f0000000-0000-4000-8000-000000000006',
                   'web_form', 'outbound', 'agent', 'A colleague will send you a quote.', 'failed', 'builtin', NULL, NULL, NULL, NULL,
                   '[]', '[{"name": "escalate_to_human", "arguments": "{}", "result": "escalated"}]', \(at(10, 0, 2))),
                  ('f1000000-0000-4000-8000-000000000007', \(doraYesterday), \(yesterday), 'f0000000-0000-4000-8000-000000000007',
                   'email', 'outbound', 'agent', 'Try resetting your password.', 'sent', 'builtin', NULL, NULL, NULL, NULL, '[]', '[]',
                   \(at(-2, 0, 9)))
                """)
            try await c.execute(
                """
                INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by,
                                      metadata, created_at) VALUES
                  ('f2000000-0000-4000-8000-000000000003', \(anaWhatsApp), \(resolvedByPerson), 'whatsapp', 'outbound', 'human',
                   'We restored your work from last night''s backup.', 'sent', 'human', '{"actor": "ana.support"}', \(at(22)))
                """)
            try await c.execute(
                """
                INSERT INTO outbox (message_id, channel, recipient, payload, status, attempts, sent_at) VALUES
                  ('f1000000-0000-4000-8000-000000000001', 'email', 'ana@example.com', '{}', 'sent', 1, \(at(9, 0, 20))),
                  ('f1000000-0000-4000-8000-000000000003', 'whatsapp', '+5511999990000', '{}', 'sent', 1, \(at(20, 0, 4))),
                  ('f1000000-0000-4000-8000-000000000004', 'whatsapp', '+8613800000000', '{}', 'sent', 1, \(at(12, 0, 25))),
                  ('f1000000-0000-4000-8000-000000000006', 'email', 'ben@example.com', '{}', 'failed', 8, NULL),
                  ('f1000000-0000-4000-8000-000000000007', 'email', 'dora@example.com', '{}', 'sent', 1, \(at(-2, 0, 9))),
                  ('f2000000-0000-4000-8000-000000000003', 'whatsapp', '+5511999990000', '{}', 'sent', 1, \(at(22, 0, 30)))
                """)
            try await c.execute(
                """
                INSERT INTO escalations (ticket_id, conversation_id, reason, created_by, status, created_at, resolved_at) VALUES
                  (\(resolvedByPerson), \(anaWhatsApp), 'negative_sentiment', 'agent', 'resolved', \(at(20, 0, 3)), \(at(22))),
                  (\(knowledgeGap), \(chenWhatsApp), 'no_relevant_knowledge', 'agent', 'pending', \(at(12, 0, 20)), NULL),
                  (\(escalatedTwice), \(benWeb), 'pricing_inquiry', 'agent', 'pending', \(at(10, 0, 2)), NULL),
                  (\(escalatedTwice), \(benWeb), 'delivery_failed', 'outbox', 'pending', \(at(10, 5)), NULL)
                """)
        }
    }
}
