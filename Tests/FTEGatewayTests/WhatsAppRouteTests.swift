import FTECore
@testable import FTEGateway
import FTETestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The Twilio webhooks against the router: signatures, TwiML, queueing, deduplication and
/// delivery status callbacks. (The signature over a proxy's forwarded scheme and host needs a
/// real `Host` header: `ServeProcessTests` checks it on the running binary.)
@Suite(.timeLimit(.minutes(2))) struct WhatsAppRouteTests {
    static let authToken = "twilio-auth-token-for-tests"
    static let publicURL = "https://support.example.com"
    static let validator = TwilioSignatureValidator(authToken: authToken)

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

    static var harness: GatewayHarness {
        var harness = GatewayHarness()
        harness.configuration.twilioAuthToken = authToken
        harness.configuration.publicURL = URL(string: publicURL)
        return harness
    }

    /// POSTs `form` to `path` with `signature` (none when nil).
    static func post(
        _ client: any TestClientProtocol, _ path: String, _ form: [FormField], signature: String?
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let signature { headers[.xTwilioSignature] = signature }
        return try await client.post(path, form: form, headers: headers)
    }

    static func signature(_ path: String, _ form: [FormField]) -> String {
        validator.signature(url: publicURL + path, parameters: form)
    }

    @Test func aSignedMessageIsQueuedAndAnsweredWithEmptyTwiML() async throws {
        try await Self.harness.run { client, db in
            let form = Self.inboundForm()
            let reply = try await Self.post(client, "/webhooks/whatsapp", form, signature: Self.signature("/webhooks/whatsapp", form))
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.headers[.contentType]?.hasPrefix("text/xml") == true)
            #expect(reply.text.contains("<Response/>"))

            let event = try #require(try await db.queuedEvents().first)
            #expect(event.channel == .whatsapp)
            #expect(event.channelMessageID == "SM0123456789abcdef0123456789abcdef")
            #expect(event.customer.phone == "+14155550100")
            #expect(event.customer.name == "Jane")
            #expect(event.content == "Hi, my export is stuck")
            #expect(event.partitionKey == "+14155550100")

            // Twilio redelivers: the message waits in the queue once.
            #expect(try await Self.post(client, "/webhooks/whatsapp", form, signature: Self.signature("/webhooks/whatsapp", form)).status == .ok)
            #expect(try await db.queuedEvents().count == 1)
        }
    }

    @Test func aBodyLongerThanWhatsAppAllowsIs400AndQueuesNothing() async throws {
        try await Self.harness.run { client, db in
            let form = Self.inboundForm(body: String(repeating: "Refund me now. ", count: 3_000))
            let reply = try await Self.post(client, "/webhooks/whatsapp", form, signature: Self.signature("/webhooks/whatsapp", form))
            #expect(reply.status.code == 400)
            #expect(reply.text.contains("at most 4096 characters"), "\(reply.text)")
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func forgedOrMissingSignaturesGet403AndQueueNothing() async throws {
        // `async throws` spelled out: every `try` is inside #expect, which inference does not see.
        try await Self.harness.run { (client, db) async throws in
            let form = Self.inboundForm()
            let forged = TwilioSignatureValidator(authToken: "wrong").signature(url: Self.publicURL + "/webhooks/whatsapp", parameters: form)
            #expect(try await Self.post(client, "/webhooks/whatsapp", form, signature: forged).status.code == 403)
            #expect(try await Self.post(client, "/webhooks/whatsapp", form, signature: nil).status.code == 403)
            // Signed for other content: a tampered body does not pass.
            let tampered = Self.inboundForm(body: "Please refund me")
            #expect(try await Self.post(client, "/webhooks/whatsapp", tampered, signature: Self.signature("/webhooks/whatsapp", form)).status.code == 403)
            // Signed for another URL (a replay against the status callback).
            #expect(try await Self.post(client, "/webhooks/whatsapp/status", form, signature: Self.signature("/webhooks/whatsapp", form)).status.code == 403)
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func aBodyThatIsNotAFormIsRefused() async throws {
        try await Self.harness.run { client, db in
            let reply = try await client.execute(
                uri: "/webhooks/whatsapp", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .xTwilioSignature: "x"],
                body: .init(string: "%zz=%"))
            #expect(reply.status == .badRequest)
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func statusCallbacksMoveTheDeliveryStatusOnlyForward() async throws {
        try await Self.harness.run { client, db in
            let sid = "SMfeedfacefeedfacefeedfacefeedface"
            try await db.withClient { client in
                try await CRMFixtures.insert(into: client)
                try await client.execute(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id, delivery_status)
                    VALUES (\(CRMFixtures.janeConversation), 'whatsapp', 'outbound', 'agent', 'Here is how to export.', \(sid), 'sent')
                    """)
            }
            func callback(_ status: String) async throws -> HTTPResponse.Status {
                let form = [
                    FormField("MessageSid", sid), FormField("MessageStatus", status), FormField("ChannelPrefix", "whatsapp"),
                    FormField("AccountSid", "AC0123456789abcdef0123456789abcdef"),
                ]
                return try await Self.post(client, "/webhooks/whatsapp/status", form, signature: Self.signature("/webhooks/whatsapp/status", form)).status
            }
            func stored() async throws -> String {
                try await db.withClient {
                    try await $0.query("SELECT delivery_status FROM messages WHERE channel_message_id = \(sid)")[0].decode("delivery_status")
                }
            }
            #expect(try await callback("delivered") == .noContent)
            #expect(try await stored() == "delivered")
            #expect(try await callback("read") == .noContent)
            #expect(try await callback("delivered") == .noContent)
            #expect(try await stored() == "read")
            let forged = try await Self.post(
                client, "/webhooks/whatsapp/status", [FormField("MessageSid", sid), FormField("MessageStatus", "failed")],
                signature: "bm90IGEgc2lnbmF0dXJl")
            #expect(forged.status.code == 403)
            #expect(try await stored() == "read")
            // A callback for a message fte never sent changes nothing and is acknowledged.
            #expect(try await callback("delivered") == .noContent)
        }
    }

    @Test func withoutATwilioTokenTheWebhooksAreNotServed() async throws {
        try await GatewayHarness().run { client, _ in
            let reply = try await client.post("/webhooks/whatsapp", form: [FormField("a", "b")])
            #expect(reply.status.code == 404)
        }
    }
}
