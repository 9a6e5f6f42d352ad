import FTECore
import FTETestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The outbox against the real database, with a counting sender in place of a provider.
@Suite(.timeLimit(.minutes(2))) struct OutboxDispatcherTests {
    final class CountingSender: ReplySender {
        let sent = Mutex(0)
        let received = Mutex<[OutboundReply]>([])
        var statusAfterSending: String { "queued" }
        func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt {
            sent.withLock { $0 += 1 }
            received.withLock { $0.append(reply) }
            return DeliveryReceipt(providerIDs: ["SM\(UUID().uuidString.prefix(8))"])
        }
    }

    /// A WhatsApp reply waiting in the outbox with `status`, due now; returns the reply's id.
    static func reply(_ client: Database, status: String) async throws -> UUID {
        let rows = try await client.query(
            """
            WITH c AS (INSERT INTO customers (name) VALUES ('Ana') RETURNING id),
                 v AS (INSERT INTO conversations (customer_id, initial_channel, last_channel)
                       SELECT id, 'whatsapp', 'whatsapp' FROM c RETURNING id, customer_id),
                 i AS (INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id)
                       SELECT id, 'whatsapp', 'inbound', 'customer', 'Hi', 'SMin' || gen_random_uuid() FROM v RETURNING id, conversation_id),
                 t AS (INSERT INTO tickets (customer_id, conversation_id, source_channel, source_message_id)
                       SELECT v.customer_id, v.id, 'whatsapp', i.id FROM v, i RETURNING id),
                 r AS (INSERT INTO messages (conversation_id, channel, direction, role, content, reply_to_message_id, ticket_id)
                       SELECT i.conversation_id, 'whatsapp', 'outbound', 'agent', 'Hello!', i.id, t.id FROM i, t RETURNING id, ticket_id)
            INSERT INTO outbox (message_id, channel, recipient, payload, status, attempts, next_attempt_at)
            SELECT r.id, 'whatsapp', '+14155550100', jsonb_build_object('parts', jsonb_build_array('Hello!'), 'ticket_id', r.ticket_id),
                   \(status), \(status == "sending" ? 1 : 0), now() - interval '1 second'
            FROM r RETURNING message_id
            """)
        return try rows[0].decode("message_id")
    }

    @Test func aPendingReplyIsSentOnce() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                _ = try await Self.reply(client, status: "pending")
                let sender = CountingSender()
                let dispatcher = OutboxDispatcher(database: client, senders: [.whatsapp: sender], logger: Logger(label: "test"))
                #expect(try await dispatcher.dispatchDue() == 1)
                #expect(try await dispatcher.dispatchDue() == 0)
                #expect(sender.sent.withLock { $0 } == 1)
                #expect(try await client.query("SELECT status FROM outbox")[0].decode("status", as: String.self) == "sent")
            }
        }
    }

    @Test func theFirstAttemptIsMarkedAndItsSenderIsNotAskedToReconcile() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                _ = try await Self.reply(client, status: "pending")
                let sender = CountingSender()
                let dispatcher = OutboxDispatcher(database: client, senders: [.whatsapp: sender], logger: Logger(label: "test"))
                #expect(try await dispatcher.dispatchDue() == 1)
                #expect(sender.received.withLock { $0.map(\.earlierAttemptSince) } == [nil])
                let marked = try await client.query("SELECT first_attempt_at IS NOT NULL AS marked FROM outbox")[0]
                #expect(try marked.decode("marked", as: Bool.self), "later attempts must know the provider may have it")
            }
        }
    }

    @Test func aReplyWhoseSenderStoppedMidSendGoesBackToItsSenderToReconcileNotToAPerson() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.reply(client, status: "sending")
                try await client.execute("UPDATE outbox SET first_attempt_at = now() - interval '90 seconds'")
                let started = try await client.query("SELECT first_attempt_at FROM outbox")[0].decode("first_attempt_at", as: Date.self)
                let sender = CountingSender()
                let dispatcher = OutboxDispatcher(database: client, senders: [.whatsapp: sender], logger: Logger(label: "test"))
                #expect(try await dispatcher.dispatchDue() == 1)
                let received = try #require(sender.received.withLock { $0.first })
                #expect(received.messageID == reply)
                #expect(received.earlierAttemptSince.map { abs($0.timeIntervalSince(started)) < 0.001 } == true,
                        "the sender asks the provider about everything since the first attempt")
                #expect(try await client.query("SELECT status FROM outbox")[0].decode("status", as: String.self) == "sent")
                #expect(try await client.query("SELECT count(*)::int AS n FROM escalations")[0].decode("n", as: Int.self) == 0)
            }
        }
    }
}
