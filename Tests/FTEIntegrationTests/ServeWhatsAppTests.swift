import FTECore
import FTETesting
import Foundation
import Testing

/// `fte serve`'s Twilio webhooks over real HTTP: signatures, TwiML, queueing, deduplication and
/// delivery status callbacks.
@Suite(.timeLimit(.minutes(3))) struct ServeWhatsAppTests {
    static let authToken = "twilio-auth-token-for-tests"
    static let publicURL = "https://support.example.com"
    let validator = TwilioSignatureValidator(authToken: Self.authToken)

    static func inboundForm(sid: String = "SM0123456789abcdef0123456789abcdef", body: String = "Hi, my export is stuck") -> [FormField] {
        [
            FormField("SmsMessageSid", sid), FormField("NumMedia", "0"), FormField("ProfileName", "Jane"),
            FormField("SmsSid", sid), FormField("WaId", "14155550100"), FormField("SmsStatus", "received"),
            FormField("Body", body), FormField("To", "whatsapp:+14155238886"), FormField("NumSegments", "1"),
            FormField("ReferralNumMedia", "0"), FormField("MessageSid", sid),
            FormField("AccountSid", "AC0123456789abcdef0123456789abcdef"), FormField("From", "whatsapp:+14155550100"),
            FormField("ApiVersion", "2010-04-01"),
        ]
    }

    private func withGateway(
        publicURL: String? = Self.publicURL, _ body: (RunningGateway, TestDatabase) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            var environment = ["FTE_TWILIO_AUTH_TOKEN": Self.authToken]
            if let publicURL { environment["FTE_PUBLIC_URL"] = publicURL }
            try await RunningGateway.with(databaseURL: db.url, environment: environment) { try await body($0, db) }
        }
    }

    private func post(
        _ gateway: RunningGateway, _ path: String, _ form: [FormField], signature: String?, headers: [String: String] = [:]
    ) async throws -> RunningGateway.Reply {
        var all = headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 }
        if let signature { all["X-Twilio-Signature"] = signature }
        return try await gateway.request("POST", path, body: Data(FormURLEncoding.encode(form).utf8), headers: all)
    }

    private func queuedCount(_ db: TestDatabase) async throws -> Int {
        try await db.withClient { try await $0.query("SELECT count(*)::int AS n FROM event_queue")[0].decode("n") }
    }

    @Test func aSignedMessageIsQueuedAndAnsweredWithEmptyTwiML() async throws {
        try await withGateway { gateway, db in
            let form = Self.inboundForm()
            let signature = validator.signature(url: Self.publicURL + "/webhooks/whatsapp", parameters: form)
            let reply = try await post(gateway, "/webhooks/whatsapp", form, signature: signature)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.header("Content-Type")?.hasPrefix("text/xml") == true)
            #expect(reply.text.contains("<Response/>"))

            let payload: String = try await db.withClient { try await $0.query("SELECT payload::text AS p FROM event_queue")[0].decode("p") }
            let event = try IncomingEvent.decode(Array(payload.utf8))
            #expect(event.channel == .whatsapp)
            #expect(event.channelMessageID == "SM0123456789abcdef0123456789abcdef")
            #expect(event.customer.phone == "+14155550100")
            #expect(event.customer.name == "Jane")
            #expect(event.content == "Hi, my export is stuck")
            #expect(event.partitionKey == "+14155550100")

            // Twilio redelivers: the message waits in the queue once.
            #expect(try await post(gateway, "/webhooks/whatsapp", form, signature: signature).status == 200)
            #expect(try await queuedCount(db) == 1)
        }
    }

    @Test func aBodyLongerThanWhatsAppAllowsIs400AndQueuesNothing() async throws {
        try await withGateway { gateway, db in
            let form = Self.inboundForm(body: String(repeating: "Refund me now. ", count: 3_000))
            let signature = validator.signature(url: Self.publicURL + "/webhooks/whatsapp", parameters: form)
            let reply = try await post(gateway, "/webhooks/whatsapp", form, signature: signature)
            #expect(reply.status == 400)
            #expect(reply.text.contains("at most 4096 characters"), "\(reply.text)")
            #expect(try await queuedCount(db) == 0)
        }
    }

    @Test func forgedOrMissingSignaturesGet403AndQueueNothing() async throws {
        try await withGateway { (gateway, db) async throws in
            let form = Self.inboundForm()
            let forged = TwilioSignatureValidator(authToken: "wrong").signature(url: Self.publicURL + "/webhooks/whatsapp", parameters: form)
            #expect(try await post(gateway, "/webhooks/whatsapp", form, signature: forged).status == 403)
            #expect(try await post(gateway, "/webhooks/whatsapp", form, signature: nil).status == 403)
            // Signed for other content: a tampered body does not pass.
            let signature = validator.signature(url: Self.publicURL + "/webhooks/whatsapp", parameters: form)
            let tampered = Self.inboundForm(body: "Please refund me")
            #expect(try await post(gateway, "/webhooks/whatsapp", tampered, signature: signature).status == 403)
            #expect(try await queuedCount(db) == 0)
        }
    }

    @Test func behindAProxyTheForwardedSchemeAndHostAreSigned() async throws {
        try await withGateway(publicURL: nil) { gateway, db in
            let form = Self.inboundForm()
            let signature = validator.signature(url: "https://support.example.com/webhooks/whatsapp", parameters: form)
            let reply = try await post(
                gateway, "/webhooks/whatsapp", form, signature: signature,
                headers: ["X-Forwarded-Proto": "https", "Host": "support.example.com"])
            #expect(reply.status == 200, "\(reply.text)")
            #expect(try await queuedCount(db) == 1)
        }
    }

    @Test func statusCallbacksMoveTheDeliveryStatusOnlyForward() async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            let sid = "SMfeedfacefeedfacefeedfacefeedface"
            try await db.withClient { client in
                try await client.execute(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id, delivery_status)
                    VALUES (\(CRMFixtures.janeConversation), 'whatsapp', 'outbound', 'agent', 'Here is how to export.', \(sid), 'sent')
                    """)
            }
            let gateway = try await RunningGateway.start(
                databaseURL: db.url, environment: ["FTE_TWILIO_AUTH_TOKEN": Self.authToken, "FTE_PUBLIC_URL": Self.publicURL])
            func callback(_ status: String) async throws -> Int {
                let form = [
                    FormField("MessageSid", sid), FormField("MessageStatus", status), FormField("ChannelPrefix", "whatsapp"),
                    FormField("AccountSid", "AC0123456789abcdef0123456789abcdef"),
                ]
                let signature = validator.signature(url: Self.publicURL + "/webhooks/whatsapp/status", parameters: form)
                return try await post(gateway, "/webhooks/whatsapp/status", form, signature: signature).status
            }
            func stored() async throws -> String {
                try await db.withClient {
                    try await $0.query("SELECT delivery_status FROM messages WHERE channel_message_id = \(sid)")[0].decode("delivery_status")
                }
            }
            #expect(try await callback("delivered") == 204)
            #expect(try await stored() == "delivered")
            #expect(try await callback("read") == 204)
            #expect(try await callback("delivered") == 204)
            #expect(try await stored() == "read")
            let forged = try await post(
                gateway, "/webhooks/whatsapp/status", [FormField("MessageSid", sid), FormField("MessageStatus", "failed")],
                signature: "bm90IGEgc2lnbmF0dXJl")
            #expect(forged.status == 403)
            #expect(try await stored() == "read")
            try await gateway.stop()
        }
    }

    @Test func withoutATwilioTokenTheWebhooksAreNotServed() async throws {
        try await withTestDatabase { db in
            let gateway = try await RunningGateway.start(databaseURL: db.url)
            let reply = try await gateway.request("POST", "/webhooks/whatsapp", body: Data("a=b".utf8))
            #expect(reply.status == 404)
            try await gateway.stop()
        }
    }
}
