import FTECore
import FTETestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The outbox's failure paths against the real database, with a sender that fails as scripted:
/// retries with backoff or the provider's Retry-After, the last attempt, refusals, a missing
/// sender, and the circuit breaker per channel.
@Suite(.timeLimit(.minutes(2))) struct OutboxFailureTests {
    /// Fails with the scripted errors, in order, then succeeds.
    final class ScriptedSender: ReplySender {
        let script: Mutex<[ChannelDeliveryError]>
        let attempts = Mutex(0)
        init(failing script: [ChannelDeliveryError]) { self.script = Mutex(script) }
        var statusAfterSending: String { "sent" }
        func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt {
            attempts.withLock { $0 += 1 }
            if let error = script.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw error }
            return DeliveryReceipt(providerIDs: ["gmail-\(UUID().uuidString.prefix(8))"])
        }
    }

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let unavailable = ChannelDeliveryError.retryable(reason: "Gmail 503", retryAfter: nil)

    /// An e-mail reply (ticket `processing`, conversation active) queued and due now.
    static func queuedReply(_ client: Database, count: Int = 1) async throws -> [UUID] {
        var replies: [UUID] = []
        for index in 0..<count {
            let rows = try await client.query(
                """
                WITH c AS (INSERT INTO customers (name) VALUES ('Ana') RETURNING id),
                     v AS (INSERT INTO conversations (customer_id, initial_channel, last_channel)
                           SELECT id, 'email', 'email' FROM c RETURNING id, customer_id),
                     i AS (INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id)
                           SELECT id, 'email', 'inbound', 'customer', 'Hi', \("in-\(index)-\(UUID())") FROM v RETURNING id, conversation_id),
                     t AS (INSERT INTO tickets (customer_id, conversation_id, source_channel, source_message_id, status)
                           SELECT v.customer_id, v.id, 'email', i.id, 'processing' FROM v, i RETURNING id),
                     r AS (INSERT INTO messages (conversation_id, channel, direction, role, content, reply_to_message_id, ticket_id)
                           SELECT i.conversation_id, 'email', 'outbound', 'agent', 'Hello!', i.id, t.id FROM i, t RETURNING id, ticket_id)
                INSERT INTO outbox (message_id, channel, recipient, payload)
                SELECT r.id, 'email', 'ana@example.com', jsonb_build_object('parts', jsonb_build_array('Hello!'), 'ticket_id', r.ticket_id)
                FROM r RETURNING message_id
                """)
            replies.append(try rows[0].decode("message_id"))
        }
        return replies
    }

    /// The outbox row, the message's delivery status, the ticket's and conversation's status,
    /// and the reasons of its escalations.
    struct State {
        var outboxStatus: String
        var attempts: Int
        var lastError: String?
        var dueInSeconds: Double
        var messageStatus: String
        var ticketStatus: String
        var conversationStatus: String
        var escalations: [String]
        var events: [String]
    }

    static func state(of reply: UUID, _ client: Database) async throws -> State {
        let row = try await client.query(
            """
            SELECT o.status, o.attempts, o.last_error, extract(epoch FROM o.next_attempt_at - now())::float8 AS due,
                   m.delivery_status, t.status AS ticket_status, c.status AS conversation_status,
                   (SELECT coalesce(string_agg(e.reason, ',' ORDER BY e.created_at), '') FROM escalations e WHERE e.ticket_id = t.id) AS escalations,
                   (SELECT coalesce(string_agg(v.kind || ':' || v.actor || ':' || coalesce(v.note, ''), ',' ORDER BY v.id), '')
                    FROM ticket_events v WHERE v.ticket_id = t.id) AS events
            FROM outbox o JOIN messages m ON m.id = o.message_id JOIN tickets t ON t.id = m.ticket_id
            JOIN conversations c ON c.id = m.conversation_id
            WHERE o.message_id = \(reply)
            """)[0]
        return State(
            outboxStatus: try row.decode("status"), attempts: try row.decode("attempts"), lastError: try row.decode("last_error"),
            dueInSeconds: try row.decode("due"), messageStatus: try row.decode("delivery_status"),
            ticketStatus: try row.decode("ticket_status"), conversationStatus: try row.decode("conversation_status"),
            escalations: Self.list(try row.decode("escalations")), events: Self.list(try row.decode("events")))
    }

    /// The items of a comma-separated list.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    /// Makes every outbox row due now.
    static func makeDue(_ client: Database) async throws {
        try await client.execute("UPDATE outbox SET next_attempt_at = now() WHERE status IN ('pending', 'sending')")
    }

    func dispatcher(_ client: Database, _ senders: [Channel: any ReplySender], maxAttempts: Int = 8) -> OutboxDispatcher {
        var settings = OutboxDispatcher.Settings()
        settings.maxAttempts = maxAttempts
        settings.backoff = Backoff(initial: .seconds(4), maximum: .seconds(30))
        return OutboxDispatcher(database: client, senders: senders, settings: settings, logger: Self.quiet)
    }

    @Test func aRetryableFailureIsRetriedAfterABackoffThenSent() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.queuedReply(client)[0]
                let sender = ScriptedSender(failing: [Self.unavailable])
                let dispatcher = dispatcher(client, [.email: sender])
                #expect(try await dispatcher.dispatchDue() == 1)
                let waiting = try await Self.state(of: reply, client)
                #expect(waiting.outboxStatus == "pending")
                #expect(waiting.attempts == 1)
                #expect(waiting.lastError == Self.unavailable.description)
                #expect(waiting.messageStatus == "pending")
                #expect(waiting.dueInSeconds <= 4.1, "jittered below the first ceiling, 4 s")
                #expect(try await dispatcher.dispatchDue() == 0 || waiting.dueInSeconds <= 0, "not due again before its backoff")

                try await Self.makeDue(client)
                #expect(try await dispatcher.dispatchDue() == 1)
                let sent = try await Self.state(of: reply, client)
                #expect(sent.outboxStatus == "sent")
                #expect(sent.attempts == 2)
                #expect(sent.lastError == nil)
                #expect(sent.messageStatus == "sent", "the sender's status after sending")
                #expect(sent.ticketStatus == "processing" && sent.escalations.isEmpty)
                #expect(sender.attempts.withLock { $0 } == 2)
            }
        }
    }

    @Test func theProvidersRetryAfterIsWaitedOut() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.queuedReply(client)[0]
                let sender = ScriptedSender(failing: [.retryable(reason: "Twilio 20429", retryAfter: .seconds(120))])
                _ = try await dispatcher(client, [.email: sender]).dispatchDue()
                let waiting = try await Self.state(of: reply, client)
                #expect(waiting.outboxStatus == "pending")
                #expect((119...120.5).contains(waiting.dueInSeconds), "Retry-After: 120 s, not the 4 s backoff")
            }
        }
    }

    @Test func aReplyStillFailingAtItsLastAttemptIsMarkedFailedAndItsTicketEscalated() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.queuedReply(client)[0]
                let sender = ScriptedSender(failing: Array(repeating: Self.unavailable, count: 10))
                let dispatcher = dispatcher(client, [.email: sender], maxAttempts: 3)
                for _ in 1...3 {
                    try await Self.makeDue(client)
                    #expect(try await dispatcher.dispatchDue() == 1)
                }
                try await Self.makeDue(client)
                #expect(try await dispatcher.dispatchDue() == 0, "a failed reply is never tried again")
                let failed = try await Self.state(of: reply, client)
                #expect(failed.outboxStatus == "failed")
                #expect(failed.attempts == 3)
                #expect(failed.messageStatus == "failed")
                #expect(failed.ticketStatus == "escalated")
                #expect(failed.escalations == ["delivery_failed"])
                #expect(failed.events == ["escalated:outbox:delivery_failed"])
                #expect(failed.conversationStatus == "active", "the customer's next message continues the conversation")
                #expect(sender.attempts.withLock { $0 } == 3)
            }
        }
    }

    @Test(arguments: [
        ChannelDeliveryError.rejected(reason: "Gmail 400: invalid To header"),
        .outsideWhatsAppWindow(reason: "Twilio 63016"),
    ])
    func aRefusedReplyIsEscalatedAtOnce(refusal: ChannelDeliveryError) async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.queuedReply(client)[0]
                let sender = ScriptedSender(failing: [refusal])
                #expect(try await dispatcher(client, [.email: sender]).dispatchDue() == 1)
                let failed = try await Self.state(of: reply, client)
                #expect(failed.outboxStatus == "failed")
                #expect(failed.attempts == 1)
                #expect(failed.lastError == refusal.description)
                #expect(failed.ticketStatus == "escalated")
                #expect(failed.escalations == ["delivery_failed"])
                let summary = try await client.query("SELECT summary FROM escalations")[0].decode("summary", as: String.self)
                #expect(summary == "The reply could not be delivered by email: \(refusal.description)")
            }
        }
    }

    @Test func aReplyOnAChannelWithoutASenderIsEscalated() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let reply = try await Self.queuedReply(client)[0]
                #expect(try await dispatcher(client, [.whatsapp: ScriptedSender(failing: [])]).dispatchDue() == 1)
                let failed = try await Self.state(of: reply, client)
                #expect(failed.outboxStatus == "failed")
                #expect(failed.lastError?.hasPrefix("channel not configured") == true)
                #expect(failed.ticketStatus == "escalated")
            }
        }
    }

    @Test func anOpenBreakerPostponesRepliesWithoutSendingOrCountingAttempts() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                // Five failures in a row open the channel's breaker (the dispatcher's default).
                let replies = try await Self.queuedReply(client, count: 6)
                let sender = ScriptedSender(failing: Array(repeating: Self.unavailable, count: 5))
                var settings = OutboxDispatcher.Settings()
                settings.concurrency = 1
                settings.breaker = CircuitBreaker.Configuration(failureThreshold: 5, openDuration: .seconds(60))
                let dispatcher = OutboxDispatcher(database: client, senders: [.email: sender], settings: settings, logger: Self.quiet)
                for _ in 1...6 { #expect(try await dispatcher.dispatchDue() == 1) }
                #expect(sender.attempts.withLock { $0 } == 5, "the sixth reply is not sent while the breaker is open")
                let states = try await replies.asyncMap { try await Self.state(of: $0, client) }
                let postponed = try #require(states.first { $0.lastError == "circuit open" })
                #expect(postponed.attempts == 0, "a postponement is not an attempt")
                #expect(postponed.outboxStatus == "pending")
                #expect((59...60.5).contains(postponed.dueInSeconds), "tried again once the breaker lets a call through")
                #expect(states.filter { $0.attempts == 1 }.count == 5)
            }
        }
    }

    @Test func webRepliesWithoutGmailAreDeliveredOnStoreAndGetNoOutboxEntry() async throws {
        let withoutGmail = Outbox(senders: [.webForm: WebReplySender(email: nil), .whatsapp: ScriptedSender(failing: [])])
        #expect(withoutGmail.deliveredOnStore == [.webForm])
        #expect(Outbox.queueingEverything.deliveredOnStore.isEmpty)
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let recorder = ReplyRecorder(database: client, outbox: withoutGmail)
                for (channel, event) in [(Channel.webForm, Self.webForm()), (.whatsapp, Self.whatsApp())] {
                    let inbound = try await intake.record(event, sentiment: 0.5)
                    let recipient = channel == .whatsapp ? "+14155550100" : "ana@example.com"
                    #expect(try await recorder.record(
                        ReplyRecord(content: "Thanks!", author: .builtin), to: inbound, channel: channel, recipient: recipient,
                        payload: OutboxPayload(parts: ["Thanks!"], ticketID: inbound.ticketID)))
                }
                let rows = try await client.query(
                    """
                    SELECT m.channel, m.delivery_status, o.id IS NOT NULL AS queued
                    FROM messages m LEFT JOIN outbox o ON o.message_id = m.id WHERE m.direction = 'outbound' ORDER BY m.channel
                    """)
                let summary = try rows.map { "\(try $0.decode("channel", as: String.self)) \(try $0.decode("delivery_status", as: String.self)) \(try $0.decode("queued", as: Bool.self))" }
                #expect(summary == ["web_form delivered false", "whatsapp pending true"])
            }
        }
    }

    static func webForm() -> IncomingEvent {
        IncomingEvent(
            channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
            customer: .init(email: "ana@example.com", name: "Ana"), subject: "Export", content: "How do I export my data?")
    }

    static func whatsApp() -> IncomingEvent {
        IncomingEvent(
            channel: .whatsapp, channelMessageID: "SM\(UUID().uuidString.prefix(8))",
            customer: .init(phone: "+14155550100", name: "Ana"), content: "Is the app down?")
    }
}

extension Array where Element: Sendable {
    /// `map` with an async transform, one element at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
