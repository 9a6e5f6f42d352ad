import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct ConversationIntakeTests {
    static func webForm(_ email: String, phone: String? = nil, name: String = "Jane Doe", content: String = "I cannot log in to my account.") -> IncomingEvent {
        IncomingEvent(
            channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
            customer: .init(email: email, phone: phone, name: name), subject: "Login problem", content: content,
            category: .technical, priority: .high)
    }

    static func whatsApp(_ phone: String, content: String = "Hi, any news on my login problem?", name: String = "Jane") -> IncomingEvent {
        IncomingEvent(
            channel: .whatsapp, channelMessageID: "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(),
            customer: .init(phone: phone, name: name, verified: true), content: content)
    }

    /// An e-mail; `verified` is Gmail's DMARC verdict on its `From` address.
    static func email(
        _ address: String, content: String = "Following up by e-mail.", name: String = "Jane Doe", verified: Bool = true,
        thread: String = "thread-1", subject: String = "Re: Login problem"
    ) -> IncomingEvent {
        IncomingEvent(
            channel: .email, channelMessageID: "18c" + String(UUID().uuidString.prefix(8)).lowercased(),
            customer: .init(email: address, name: name, verified: verified), subject: subject, content: content,
            threadID: thread, metadata: ["message_id": "<m1@mail.example.com>"])
    }

    @Test func theSamePersonOnThreeChannelsIsOneCustomerWithOneConversation() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let web = try await intake.record(Self.webForm("Jane@Example.com", phone: "+1 415 555 0100"), sentiment: 0.5)
                let whatsapp = try await intake.record(Self.whatsApp("whatsapp:+14155550100"), sentiment: 0.5)
                let email = try await intake.record(Self.email("jane@example.com"), sentiment: 0.5)

                #expect(Set([web.customerID, whatsapp.customerID, email.customerID]).count == 1)
                #expect(Set([web.conversationID, whatsapp.conversationID, email.conversationID]).count == 1)
                #expect(whatsapp.switchedFrom == .webForm)
                #expect(email.switchedFrom == .whatsapp)
                // Claims prove nothing; WhatsApp proves its number and a DMARC-verified e-mail the
                // address, each for its own messages only.
                #expect(!web.senderProven)
                #expect(whatsapp.senderProven)
                #expect(email.senderProven)
                let switches = try await client.query("SELECT channel_switches FROM conversations").first!.decode("channel_switches", as: Int.self)
                #expect(switches == 2)
                let identifiers = try await client.query("SELECT type, value, verified, verified_by FROM customer_identifiers ORDER BY type")
                    .map { "\(try $0.decode("type", as: String.self)) \(try $0.decode("value", as: String.self)) \(try $0.decode("verified_by", as: String?.self) ?? "claimed")" }
                #expect(identifiers == ["email jane@example.com gmail_dmarc", "phone +14155550100 claimed", "whatsapp +14155550100 twilio_signature"])
                // The web form's ticket carries the id the customer was given.
                let webTicket = try await client.query("SELECT id FROM tickets WHERE source_channel = 'web_form'").first!.decode("id", as: UUID.self)
                #expect(webTicket == web.ticketID)
            }
        }
    }

    @Test func aClaimNeverTakesAnotherCustomersAddress() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let owner = try await intake.record(Self.whatsApp("+14155550100"), sentiment: 0.5)
                #expect(owner.senderProven)
                let claimant = try await intake.record(Self.webForm("mallory@example.com", phone: "+14155550100"), sentiment: 0.5)
                #expect(claimant.customerID != owner.customerID)
                let phoneOwner = try await client.query("SELECT customer_id FROM customer_identifiers WHERE value = '+14155550100'")
                #expect(try phoneOwner.map { try $0.decode("customer_id", as: UUID.self) } == [owner.customerID])
                // The claimant sees none of the owner's messages.
                let history = try await intake.history(before: claimant, channel: .webForm)
                #expect(history.isEmpty)
            }
        }
    }

    @Test func aRedeliveredMessageIsStoredOnceAndAnsweredOnce() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let recorder = ReplyRecorder(database: client)
                let event = Self.whatsApp("+14155550100")
                let first = try await intake.record(event, sentiment: 0.5)
                var again = event
                again.eventID = UUID()
                let second = try await intake.record(again, sentiment: 0.5)
                #expect(second.messageID == first.messageID)
                #expect(!second.alreadyAnswered)

                let reply = ReplyRecord(content: "Try resetting your password.", author: .builtin)
                let payload = OutboxPayload(parts: ["Try resetting your password."], ticketID: first.ticketID)
                #expect(try await recorder.record(reply, to: first, channel: .whatsapp, recipient: "+14155550100", payload: payload))
                #expect(try await !recorder.record(reply, to: second, channel: .whatsapp, recipient: "+14155550100", payload: payload))
                let third = try await intake.record(again, sentiment: 0.5)
                #expect(third.alreadyAnswered)

                let counts = try await client.query(
                    """
                    SELECT (SELECT count(*) FROM messages WHERE direction = 'inbound') AS inbound,
                           (SELECT count(*) FROM messages WHERE direction = 'outbound') AS outbound,
                           (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM tickets) AS tickets
                    """).first!
                #expect(try counts.decode("inbound", as: Int.self) == 1)
                #expect(try counts.decode("outbound", as: Int.self) == 1)
                #expect(try counts.decode("outbox", as: Int.self) == 1)
                #expect(try counts.decode("tickets", as: Int.self) == 1)
            }
        }
    }

    @Test func anEscalatedReplyEscalatesTheTicketInTheSameTransaction() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let inbound = try await ConversationIntake(database: client).record(Self.email("jane@example.com"), sentiment: 0.2)
                let reply = ReplyRecord(
                    content: "A colleague will reply.", author: .builtin,
                    escalation: .init(reason: .negativeSentiment, summary: "Angry customer"))
                try await ReplyRecorder(database: client).record(
                    reply, to: inbound, channel: .email, recipient: "jane@example.com",
                    payload: OutboxPayload(parts: ["A colleague will reply."], ticketID: inbound.ticketID))
                let row = try await client.query(
                    """
                    SELECT t.status, e.reason, c.status AS conversation_status
                    FROM tickets t JOIN escalations e ON e.ticket_id = t.id JOIN conversations c ON c.id = t.conversation_id
                    """).first!
                #expect(try row.decode("status", as: String.self) == "escalated")
                #expect(try row.decode("reason", as: String.self) == "negative_sentiment")
                #expect(try row.decode("conversation_status", as: String.self) == "escalated")
            }
        }
    }

    @Test func provenSendersSeeTheirHistoryAcrossChannels() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                _ = try await intake.record(Self.email("jane@example.com", content: "First, by e-mail."), sentiment: 0.5)
                let later = try await intake.record(Self.email("jane@example.com", content: "Second, by e-mail."), sentiment: 0.5)
                let history = try await intake.history(before: later, channel: .email)
                #expect(history.map(\.content) == ["First, by e-mail."])
            }
        }
    }

    @Test func anEventWithoutAnyAddressIsRefusedAndStoresNothing() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let event = IncomingEvent(channel: .whatsapp, channelMessageID: "SM1", customer: .init(), content: "hello")
                await #expect(throws: IntakeError("the event names no e-mail address or phone number")) {
                    try await ConversationIntake(database: client).record(event, sentiment: 0.5)
                }
                let customers = try await client.query("SELECT count(*) AS n FROM customers").first!.decode("n", as: Int.self)
                #expect(customers == 0)
            }
        }
    }
}
