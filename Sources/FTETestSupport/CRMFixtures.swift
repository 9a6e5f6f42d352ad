import FTECore
import Foundation

/// A small, realistic CRM: two customers, one of them on three channels, and tickets in every
/// state, with fixed ids so tests can name them.
public enum CRMFixtures {
    public static let jane = UUID(uuidString: "11111111-1111-4111-8111-111111111111")!
    public static let omar = UUID(uuidString: "22222222-2222-4222-8222-222222222222")!
    public static let janeConversation = UUID(uuidString: "33333333-3333-4333-8333-333333333333")!
    public static let omarConversation = UUID(uuidString: "44444444-4444-4444-8444-444444444444")!
    /// Jane, web form, billing, high priority, open (3 hours ago).
    public static let openTicket = UUID(uuidString: "aaaaaaaa-0000-4000-8000-000000000001")!
    /// Jane, WhatsApp, technical, escalated (2 hours ago).
    public static let escalatedTicket = UUID(uuidString: "aaaaaaaa-0000-4000-8000-000000000002")!
    /// Jane, e-mail, general, resolved (1 hour ago).
    public static let resolvedTicket = UUID(uuidString: "aaaaaaaa-0000-4000-8000-000000000003")!
    /// Omar, e-mail, bug report, processing (3 days ago).
    public static let omarTicket = UUID(uuidString: "aaaaaaaa-0000-4000-8000-000000000004")!

    /// Inserts the fixture rows into a migrated database.
    public static func insert(into database: Database) async throws {
        try await database.withTransaction { c in
            try await c.execute("INSERT INTO customers (id, name) VALUES (\(jane), 'Jane Doe'), (\(omar), 'Omar Haddad')")
            try await c.execute(
                """
                INSERT INTO customer_identifiers (customer_id, type, value, verified) VALUES
                  (\(jane), 'email', 'jane@example.com', true),
                  (\(jane), 'phone', '+14155550100', false),
                  (\(jane), 'whatsapp', '+14155550100', true),
                  (\(omar), 'email', 'omar@example.org', true)
                """)
            try await c.execute(
                """
                INSERT INTO conversations (id, customer_id, initial_channel, last_channel, channel_switches, started_at) VALUES
                  (\(janeConversation), \(jane), 'web_form', 'email', 2, now() - interval '3 hours'),
                  (\(omarConversation), \(omar), 'email', 'email', 0, now() - interval '3 days')
                """)
            try await c.execute(
                """
                INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id, delivery_status, created_at) VALUES
                  (\(janeConversation), 'web_form', 'inbound', 'customer', 'I was charged twice this month.', \(openTicket.lowercasedString), 'received', now() - interval '3 hours'),
                  (\(janeConversation), 'web_form', 'outbound', 'agent', 'Thanks Jane, our billing team will look at the double charge.', NULL, 'delivered', now() - interval '179 minutes'),
                  (\(janeConversation), 'whatsapp', 'inbound', 'customer', 'The app crashes when I open reports', 'SM00000000000000000000000000000001', 'received', now() - interval '2 hours'),
                  (\(janeConversation), 'email', 'inbound', 'customer', 'How do I export my data?', '18c2f0a1b2c3d4e5', 'received', now() - interval '1 hour'),
                  (\(janeConversation), 'email', 'outbound', 'agent', 'Dear Jane, you can export from Settings > Data.', NULL, 'sent', now() - interval '59 minutes'),
                  (\(omarConversation), 'email', 'inbound', 'customer', 'Export button does nothing', '18c2f0a1b2c3d4f0', 'received', now() - interval '3 days')
                """)
            try await c.execute(
                """
                INSERT INTO tickets (id, customer_id, conversation_id, source_channel, subject, category, priority, status, created_at, updated_at) VALUES
                  (\(openTicket), \(jane), \(janeConversation), 'web_form', 'Charged twice', 'billing', 'high', 'open', now() - interval '3 hours', now() - interval '3 hours'),
                  (\(escalatedTicket), \(jane), \(janeConversation), 'whatsapp', 'App crashes', 'technical', 'medium', 'processing', now() - interval '2 hours', now() - interval '2 hours'),
                  (\(omarTicket), \(omar), \(omarConversation), 'email', 'Export button', 'bug_report', 'low', 'processing', now() - interval '3 days', now() - interval '3 days')
                """)
            try await c.execute(
                """
                INSERT INTO tickets (id, customer_id, conversation_id, source_channel, subject, category, priority, status,
                                     resolution_notes, resolved_by, resolved_at, created_at, updated_at) VALUES
                  (\(resolvedTicket), \(jane), \(janeConversation), 'email', 'Data export', 'general', 'low', 'resolved',
                   'Explained the export', 'agent', now() - interval '59 minutes', now() - interval '1 hour', now() - interval '59 minutes')
                """)
            // The agent handed the crash to a human, as the worker would have.
            try await c.execute(TicketLifecycle.standalone(TicketLifecycle.escalating(
                .ticket(escalatedTicket, conversation: janeConversation),
                .init(reason: "no_relevant_info", summary: "Crash not covered by the knowledge base", context: [:],
                      actor: "agent", note: "no_relevant_info", escalatesConversation: false))))
        }
    }
}
