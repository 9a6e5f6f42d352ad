import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte ticket reply` through the built binary: a human's answer is stored once, queued once for
/// the customer's channel with the right recipient and payload, and moves the ticket.
@Suite(.timeLimit(.minutes(3))) struct TicketReplyTests {
    private func fte(_ db: TestDatabase, _ arguments: [String]) async throws -> FTEBinary.Result {
        try await FTEBinary.run(arguments, environment: ["FTE_DATABASE_URL": db.url])
    }

    /// The human replies stored for `ticket` and their outbox rows.
    private struct Queued {
        var channel: String
        var role: String
        var answeredBy: String?
        var actor: String?
        var content: String
        var recipient: String
        var outboxChannel: String
        var payload: OutboxPayload
    }

    private func queued(for ticket: UUID, in db: TestDatabase) async throws -> [Queued] {
        try await db.withClient { client in
            let outbound = try await client.query(
                "SELECT count(*) AS n FROM messages WHERE ticket_id = \(ticket) AND direction = 'outbound'")
            let rows = try await client.query(
                """
                SELECT m.channel, m.role, m.answered_by, m.metadata->>'actor' AS actor, m.content,
                       o.recipient, o.channel AS outbox_channel, o.payload::text AS payload
                FROM messages m JOIN outbox o ON o.message_id = m.id
                WHERE m.ticket_id = \(ticket) AND m.direction = 'outbound'
                """)
            #expect(try outbound[0].decode("n", as: Int.self) == rows.count, "every outbound message has its outbox row")
            return try rows.map { row in
                Queued(
                    channel: try row.decode("channel"), role: try row.decode("role"), answeredBy: try row.decode("answered_by"),
                    actor: try row.decode("actor"), content: try row.decode("content"), recipient: try row.decode("recipient"),
                    outboxChannel: try row.decode("outbox_channel"), payload: try #require(try row.decodeJSON("payload", as: OutboxPayload.self)))
            }
        }
    }

    private func ticket(_ id: UUID, in db: TestDatabase) async throws -> (status: String, notes: String?, by: String?) {
        try await db.withClient { client in
            let row = try await client.query("SELECT status, resolution_notes, resolved_by FROM tickets WHERE id = \(id)")[0]
            return (try row.decode("status"), try row.decode("resolution_notes"), try row.decode("resolved_by"))
        }
    }

    private func lastEvent(_ id: UUID, in db: TestDatabase) async throws -> [String?] {
        try await db.withClient { client in
            let row = try await client.query(
                "SELECT kind, from_status, to_status, actor, note FROM ticket_events WHERE ticket_id = \(id) ORDER BY id DESC LIMIT 1")[0]
            return try ["kind", "from_status", "to_status", "actor", "note"].map { try row.decode($0, as: String?.self) }
        }
    }

    /// A customer e-mail in an existing thread, stored as the worker stores it.
    private func emailTicket(in db: TestDatabase) async throws -> InboundRecord {
        try await db.withClient { client in
            let inbound = try await ConversationIntake(database: client).record(
                IncomingEvent(
                    channel: .email, channelMessageID: "18c0000000000e01", customer: .init(email: "jane@example.com", name: "Jane Doe"),
                    subject: "Export to CSV?", content: "How do I export my boards?", threadID: "thread-7",
                    metadata: ["message_id": "<m2@mail.example.com>", "references": "<m1@mail.example.com>"]),
                sentiment: 0.5)
            // An older, verified address of the same customer: the reply still goes to the sender.
            try await client.execute(
                """
                INSERT INTO customer_identifiers (customer_id, type, value, verified, created_at)
                VALUES (\(inbound.customerID), 'email', 'a.jane@example.org', true, now() - interval '1 year')
                """)
            return inbound
        }
    }

    @Test func anEmailReplyIsThreadedIntoTheCustomersMessageAndPicksUpTheEscalation() async throws {
        try await withTestDatabase { db in
            let inbound = try await emailTicket(in: db)
            let id = inbound.ticketID.uuidString.lowercased()
            let escalate = try await fte(db, ["ticket", "escalate", id, "--reason", "Needs a human", "--by", "lead-ana"])
            #expect(escalate.status == 0, "\(escalate.stderr)")

            let message = "Hello Jane,\n\nopen Settings, then Export.\n\nAna from support"
            let run = try await fte(db, ["ticket", "reply", id, "--message", message, "--by", "ana"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty)
            #expect(run.stdout.contains("Reply by ana queued for email to jane@example.com; ticket \(id) is processing."))
            #expect(run.stdout.contains("`fte work` or `fte serve --with-worker`"))

            let replies = try await queued(for: inbound.ticketID, in: db)
            #expect(replies.count == 1)
            let reply = try #require(replies.first)
            #expect(reply.channel == "email" && reply.outboxChannel == "email")
            #expect(reply.role == "human" && reply.answeredBy == "human" && reply.actor == "ana")
            #expect(reply.content == message)
            #expect(reply.recipient == "jane@example.com")
            #expect(reply.payload == OutboxPayload(
                parts: [message], ticketID: inbound.ticketID, customerName: "Jane Doe", subject: "Export to CSV?",
                threadID: "thread-7", inReplyTo: "<m2@mail.example.com>", references: "<m1@mail.example.com>",
                email: "jane@example.com", customerMessageAt: reply.payload.customerMessageAt))
            #expect(reply.payload.customerMessageAt != nil)

            #expect(try await ticket(inbound.ticketID, in: db).status == "processing")
            #expect(try await lastEvent(inbound.ticketID, in: db) == ["note", "escalated", "processing", "ana", "replied by email to jane@example.com"])
            let escalation = try await db.withClient {
                try await $0.query("SELECT status FROM escalations WHERE ticket_id = \(inbound.ticketID)")[0].decode("status", as: String.self)
            }
            #expect(escalation == "assigned")

            let show = try await fte(db, ["ticket", "show", id])
            #expect(show.stdout.contains("→ human  [pending]"))
            #expect(show.stdout.contains("      ↳ answered by a human (ana)\n      ↳ outbox: pending, not tried yet"))
        }
    }

    @Test func aWhatsAppReplyGoesToTheLatestMessagesNumberSplitAtSentences() async throws {
        try await withTestDatabase { db in
            // The customer wrote on the web form, then by WhatsApp: the WhatsApp message has a ticket of
            // its own (a ticket never mixes senders, docs/worker.md), answered on WhatsApp.
            let inbound = try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let web = try await intake.record(
                    IncomingEvent(
                        channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
                        customer: .init(email: "jane@example.com", phone: "+1 415 555 0123", name: "Jane Doe"),
                        subject: "Reports crash", content: "The reports page crashes every time."),
                    sentiment: 0.5)
                let whatsApp = try await intake.record(
                    IncomingEvent(
                        channel: .whatsapp, channelMessageID: "SM00000000000000000000000000000abc",
                        customer: .init(phone: "+14155550123", name: "Jane"), content: "Any news?"),
                    sentiment: 0.5)
                #expect(whatsApp.ticketID != web.ticketID)
                #expect(whatsApp.conversationID == web.conversationID)
                return whatsApp
            }
            let sentences = (1...60).map { "Step \($0) of the fix is described in this sentence here." }
            let run = try await fte(db, [
                "ticket", "reply", inbound.ticketID.uuidString, "--message", sentences.joined(separator: " "),
                "--by", "ana", "--format", "json",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["channel"] as? String == "whatsapp")
            #expect(object["recipient"] as? String == "+14155550123")
            #expect(object["parts"] as? Int == 3)
            #expect(object["outside_whatsapp_window"] as? Bool == false)
            #expect((object["ticket"] as? [String: Any])?["status"] as? String == "processing")

            let replies = try await queued(for: inbound.ticketID, in: db)
            #expect(replies.count == 1)
            let reply = try #require(replies.first)
            #expect(reply.channel == "whatsapp" && reply.outboxChannel == "whatsapp")
            #expect(reply.recipient == "+14155550123")
            let parts = reply.payload.parts
            #expect(parts.count == 3)
            for part in parts {
                #expect(part.utf16.count <= 1600 && part.hasSuffix("sentence here."), "\(part.suffix(40))")
            }
            #expect(parts.joined(separator: " ") == sentences.joined(separator: " "))
            #expect(reply.content == parts.joined(separator: "\n\n"))
            #expect(reply.payload.threadID == nil && reply.payload.inReplyTo == nil)
            #expect(reply.payload.customerMessageAt != nil)
        }
    }

    @Test func resolveResolvesTheTicketAsAnsweredByTheActor() async throws {
        try await withTestDatabase { db in
            let inbound = try await emailTicket(in: db)
            let run = try await fte(db, ["ticket", "reply", inbound.ticketID.uuidString, "--message", "Done: it is exported.", "--resolve", "--by", "lead-bo"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("is resolved."))
            let state = try await ticket(inbound.ticketID, in: db)
            #expect(state.status == "resolved" && state.notes == "answered by lead-bo" && state.by == "lead-bo")
            #expect(try await lastEvent(inbound.ticketID, in: db) == ["note", "processing", "resolved", "lead-bo", "replied by email to jane@example.com"])
            #expect(try await queued(for: inbound.ticketID, in: db).count == 1)
        }
    }

    @Test func ticketsStoredBeforeMessageMetadataReachTheCustomersAddress() async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            // Web form ticket: the conversation's latest message is an e-mail of another ticket.
            let web = try await fte(db, ["ticket", "reply", CRMFixtures.openTicket.uuidString, "--message", "We refunded it."])
            #expect(web.status == 0, "\(web.stderr)")
            let webReply = try #require(try await queued(for: CRMFixtures.openTicket, in: db).first)
            #expect(webReply.channel == "web_form" && webReply.recipient == "jane@example.com")
            #expect(webReply.actor == "tester", "$USER when neither --by nor FTE_ACTOR is given")
            #expect(webReply.payload.subject == "Charged twice")

            let whatsApp = try await fte(db, ["ticket", "reply", CRMFixtures.escalatedTicket.uuidString, "--message", "Fixed in 4.2."])
            #expect(whatsApp.status == 0, "\(whatsApp.stderr)")
            let whatsAppReply = try #require(try await queued(for: CRMFixtures.escalatedTicket, in: db).first)
            #expect(whatsAppReply.channel == "whatsapp" && whatsAppReply.recipient == "+14155550100")

            let email = try await FTEBinary.run(
                ["ticket", "reply", CRMFixtures.omarTicket.uuidString, "--message", "Fixed."],
                environment: ["FTE_DATABASE_URL": db.url, "FTE_ACTOR": "lead-cy"])
            #expect(email.status == 0, "\(email.stderr)")
            let emailReply = try #require(try await queued(for: CRMFixtures.omarTicket, in: db).first)
            #expect(emailReply.channel == "email" && emailReply.recipient == "omar@example.org" && emailReply.actor == "lead-cy")
            #expect(emailReply.payload.subject == "Export button" && emailReply.payload.inReplyTo == nil)
        }
    }

    @Test(arguments: [
        (["--message", "   "], Int32(64), "--message must not be empty"),
        (["--message", String(repeating: "a", count: 10_001)], 64, "--message has 10001 characters; a reply may have at most 10000"),
        ([], 64, "Missing expected argument '--message <text>'"),
    ])
    func badMessagesAreRefusedAndChangeNothing(extra: [String], exitStatus: Int32, message: String) async throws {
        try await refused(["ticket", "reply", CRMFixtures.openTicket.uuidString] + extra, exitStatus: exitStatus, message: message)
    }

    @Test func anUnknownTicketIsRefused() async throws {
        try await refused(
            ["ticket", "reply", "aaaaaaaa-0000-4000-8000-0000000000ff", "--message", "Hello"], exitStatus: 1,
            message: "no ticket with id aaaaaaaa-0000-4000-8000-0000000000ff")
        try await refused(["ticket", "reply", "nope", "--message", "Hello"], exitStatus: 64, message: "not a ticket id: nope")
    }

    private func refused(_ arguments: [String], exitStatus: Int32, message: String) async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            let run = try await fte(db, arguments)
            #expect(run.status == exitStatus, "\(run.stderr)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: \(message)"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let counts = try await db.withClient { client in
                try await client.query(
                    "SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM messages WHERE role = 'human') AS human")[0]
            }
            #expect(try counts.decode("outbox", as: Int.self) == 0 && counts.decode("human", as: Int.self) == 0)
            #expect(try await ticket(CRMFixtures.openTicket, in: db).status == "open")
        }
    }
}
