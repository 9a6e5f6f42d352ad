import FTECore
import FTETestSupport
import Foundation
import Logging
import Testing

/// Reconcile before resending: a reply whose earlier attempt may have reached the provider (its
/// worker was killed mid-send, or the attempt failed) is looked up at the provider first — Gmail
/// by its deterministic `Message-ID` (`rfc822msgid:`), Twilio in its Messages list — and sent
/// only if it is not there. Real outbox and database; the providers are the shipped fakes, which
/// count duplicate sends themselves.
@Suite(.timeLimit(.minutes(2))) struct OutboxReconciliationTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let customer = "+14155550100"
    static let support = EmailMailbox(name: "FTE Support", address: "support@fte.example")

    /// Leaves every outbox row as a worker killed mid-send does: `sending`, one attempt begun
    /// 90 seconds ago, its lease run out.
    static func interruptMidSend(_ client: Database) async throws {
        try await client.execute(
            """
            UPDATE outbox SET status = 'sending', attempts = 1, first_attempt_at = now() - interval '90 seconds',
                   next_attempt_at = now() - interval '1 second'
            """)
    }

    static func makeDue(_ client: Database) async throws {
        try await client.execute("UPDATE outbox SET next_attempt_at = now() WHERE status IN ('pending', 'sending')")
    }

    struct Row {
        var status: String
        var attempts: Int
        var providerIDs: [String]
        var messageStatus: String
        var channelMessageID: String?
        var escalations: Int
    }

    static func row(_ client: Database) async throws -> Row {
        let row = try await client.query(
            """
            SELECT o.status, o.attempts, array_to_string(o.provider_message_ids, ',') AS ids, m.delivery_status,
                   m.channel_message_id, (SELECT count(*)::int FROM escalations) AS escalations
            FROM outbox o JOIN messages m ON m.id = o.message_id
            """)[0]
        let ids: String = try row.decode("ids")
        return Row(
            status: try row.decode("status"), attempts: try row.decode("attempts"),
            providerIDs: ids.split(separator: ",").map(String.init), messageStatus: try row.decode("delivery_status"),
            channelMessageID: try row.decode("channel_message_id"), escalations: try row.decode("escalations"))
    }

    // MARK: WhatsApp (Twilio's Messages list, matched by text)

    /// Runs `body` with the fake Twilio, a client for it and a dispatcher sending through it.
    func withTwilio(
        _ body: (Database, FakeTwilioServer, TwilioMessagesClient, OutboxDispatcher) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let fake = try await FakeTwilioServer.start()
                let http = HTTPClient()
                let twilio = TwilioMessagesClient(settings: fake.settings(), httpClient: http)
                let dispatcher = OutboxDispatcher(
                    database: client, senders: [.whatsapp: WhatsAppReplySender(client: twilio)], logger: Self.quiet)
                let failure: (any Error)?
                do { try await body(client, fake, twilio, dispatcher); failure = nil } catch { failure = error }
                await http.shutdown()
                await fake.shutdown()
                if let failure { throw failure }
            }
        }
    }

    /// A WhatsApp reply of `parts` to ``customer`` waiting in the outbox; returns its message id.
    @discardableResult
    static func whatsAppReply(_ client: Database, parts: [String]) async throws -> UUID {
        let reply = try await OutboxDispatcherTests.reply(client, status: "pending")
        try await client.execute(
            "UPDATE outbox SET payload = jsonb_set(payload, '{parts}', \(PostgresJSON(parts))), recipient = \(customer)")
        return reply
    }

    @Test func aWhatsAppReplyTwilioAlreadyHasIsMarkedDeliveredWithItsSIDNotSentAgain() async throws {
        try await withTwilio { client, fake, twilio, dispatcher in
            try await Self.whatsAppReply(client, parts: ["Your order has shipped."])
            // The killed attempt: Twilio took the message, the worker died before recording it.
            let accepted = try await twilio.send(to: Self.customer, body: "Your order has shipped.")
            try await Self.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.messages.count == 1, "not sent again")
            #expect(fake.duplicateSends == 0)
            #expect(fake.listRequestCount == 1)
            let row = try await Self.row(client)
            #expect(row.status == "sent")
            #expect(row.providerIDs == [accepted.sid])
            #expect(row.channelMessageID == accepted.sid, "status callbacks name this SID")
            #expect(row.messageStatus == "queued")
            #expect(row.escalations == 0, "no person has to check")
        }
    }

    @Test func aWhatsAppReplyTwilioDoesNotHaveIsSentOnce() async throws {
        try await withTwilio { client, fake, _, dispatcher in
            try await Self.whatsAppReply(client, parts: ["Your order has shipped."])
            try await Self.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.listRequestCount == 1, "asked first")
            #expect(fake.messages.map(\.body) == ["Your order has shipped."])
            let row = try await Self.row(client)
            #expect(row.status == "sent")
            #expect(row.providerIDs == fake.messages.map(\.sid))
            #expect(row.escalations == 0)
        }
    }

    @Test func anEarlierIdenticalTextDoesNotCountWhenItWasSentBeforeTheAttemptBegan() async throws {
        try await withTwilio { client, fake, twilio, dispatcher in
            try await Self.whatsAppReply(client, parts: ["Thanks!"])
            _ = try await twilio.send(to: Self.customer, body: "Thanks!")  // an older reply, 10 minutes before
            try await client.execute(
                """
                UPDATE outbox SET status = 'sending', attempts = 1, first_attempt_at = now() + interval '10 minutes',
                       next_attempt_at = now() - interval '1 second'
                """)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.messages.count == 2, "the reply itself still goes out")
            #expect(try await Self.row(client).providerIDs == [fake.messages[1].sid])
        }
    }

    @Test func onlyThePartsTwilioDoesNotHaveAreSent() async throws {
        try await withTwilio { client, fake, twilio, dispatcher in
            try await Self.whatsAppReply(client, parts: ["First part.", "Second part.", "Third part."])
            let first = try await twilio.send(to: Self.customer, body: "First part.")
            try await Self.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.messages.map(\.body) == ["First part.", "Second part.", "Third part."])
            #expect(fake.duplicateSends == 0)
            let row = try await Self.row(client)
            #expect(row.providerIDs == fake.messages.map(\.sid))
            #expect(row.providerIDs.first == first.sid)
        }
    }

    @Test func twilioDownDuringReconciliationLeavesTheReplyPendingThenFindsItOnce() async throws {
        try await withTwilio { client, fake, twilio, dispatcher in
            try await Self.whatsAppReply(client, parts: ["Your order has shipped."])
            _ = try await twilio.send(to: Self.customer, body: "Your order has shipped.")
            try await Self.interruptMidSend(client)
            fake.setOutage(.serverError)

            #expect(try await dispatcher.dispatchDue() == 1)
            let waiting = try await Self.row(client)
            #expect(waiting.status == "pending", "retried later, not sent blindly and not given up")
            #expect(waiting.escalations == 0)
            #expect(fake.requestCount == 1, "no send was tried while Twilio could not be asked")

            fake.setOutage(nil)
            try await Self.makeDue(client)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.messages.count == 1)
            #expect(fake.duplicateSends == 0)
            #expect(try await Self.row(client).status == "sent")
        }
    }

    @Test func aRetryAfterAFailedSendAsksTwilioFirst() async throws {
        try await withTwilio { client, fake, _, dispatcher in
            try await Self.whatsAppReply(client, parts: ["Your order has shipped."])
            fake.failNext(.serverError)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.listRequestCount == 0, "a first attempt has nothing to reconcile")
            #expect(try await Self.row(client).status == "pending")

            try await Self.makeDue(client)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.listRequestCount == 1)
            #expect(fake.messages.count == 1)
            #expect(try await Self.row(client).status == "sent")
        }
    }

    // MARK: E-mail (Gmail, by the deterministic Message-ID)

    /// Runs `body` with the Gmail fakes and a dispatcher sending e-mail replies through them.
    func withGmail(
        _ body: (Database, GmailTestHarness, EmailReplySender, OutboxDispatcher) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await GmailTestHarness.with { harness in
                    let sender = EmailReplySender(api: harness.api, mailbox: Self.support)
                    let dispatcher = OutboxDispatcher(database: client, senders: [.email: sender], logger: Self.quiet)
                    try await body(client, harness, sender, dispatcher)
                }
            }
        }
    }

    /// The e-mail reply waiting in the outbox, as its sender receives it.
    static func emailReply(_ client: Database) async throws -> OutboundReply {
        let id = try await OutboxFailureTests.queuedReply(client)[0]
        let row = try await client.query("SELECT recipient, payload::text AS payload FROM outbox")[0]
        let payload = try JSONDecoder().decode(OutboxPayload.self, from: Data(try row.decode("payload", as: String.self).utf8))
        return OutboundReply(messageID: id, recipient: try row.decode("recipient"), payload: payload)
    }

    @Test func everyEmailReplyCarriesAMessageIDDerivedFromItsOutboxEntry() async throws {
        try await withGmail { client, harness, sender, dispatcher in
            let reply = try await Self.emailReply(client)
            #expect(try await dispatcher.dispatchDue() == 1)
            let sent = try #require(harness.gmail.sentMessages.first)
            #expect(sent.email.headers["Message-ID"] == "<fte-reply-\(reply.messageID.lowercasedString)@fte.example>")
            #expect(sender.messageID(for: reply) == sent.email.headers["Message-ID"], "the same on every attempt")
            #expect(harness.gmail.callCount(.messagesList) == 0, "a first attempt has nothing to reconcile")
        }
    }

    @Test func anEmailGmailAlreadyHasIsMarkedSentWithItsIDNotSentAgain() async throws {
        try await withGmail { client, harness, sender, dispatcher in
            let reply = try await Self.emailReply(client)
            // The killed attempt: Gmail took the message, the worker died before recording it.
            let first = try await sender.deliver(reply)
            try await Self.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(harness.gmail.callCount(.messagesSend) == 1, "not sent again")
            #expect(harness.gmail.callCount(.messagesList) == 1)
            #expect(harness.gmail.duplicateSends == 0)
            let row = try await Self.row(client)
            #expect(row.status == "sent")
            #expect(row.providerIDs == first.providerIDs)
            #expect(row.messageStatus == "sent")
            #expect(row.escalations == 0)
        }
    }

    @Test func anEmailGmailDoesNotHaveIsSentOnce() async throws {
        try await withGmail { client, harness, _, dispatcher in
            _ = try await Self.emailReply(client)
            harness.gmail.addIncoming(from: "ana@example.com", subject: "Another mail", body: "Not the reply.")
            try await Self.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(harness.gmail.callCount(.messagesList) == 1)
            #expect(harness.gmail.sentMessages.count == 1)
            let row = try await Self.row(client)
            #expect(row.status == "sent")
            #expect(row.providerIDs == harness.gmail.sentMessages.map(\.id))
        }
    }

    @Test func gmailDownDuringReconciliationLeavesTheReplyPendingThenFindsItOnce() async throws {
        try await withGmail { client, harness, sender, dispatcher in
            let reply = try await Self.emailReply(client)
            _ = try await sender.deliver(reply)
            try await Self.interruptMidSend(client)
            harness.gmail.setOutage(status: 503)

            #expect(try await dispatcher.dispatchDue() == 1)
            let waiting = try await Self.row(client)
            #expect(waiting.status == "pending", "retried later, not sent blindly and not given up")
            #expect(waiting.escalations == 0)
            #expect(harness.gmail.callCount(.messagesSend) == 1, "no send was tried while Gmail could not be asked")

            harness.gmail.setOutage(status: nil)
            try await Self.makeDue(client)
            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(harness.gmail.sentMessages.count == 1)
            #expect(harness.gmail.duplicateSends == 0)
            #expect(try await Self.row(client).status == "sent")
        }
    }
}
