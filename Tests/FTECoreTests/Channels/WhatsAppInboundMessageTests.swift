import Foundation
import Testing
@testable import FTECore

@Suite struct WhatsAppInboundMessageTests {
    static let sid = "SM0123456789abcdef0123456789abcdef"

    /// A captured sandbox payload (field order as Twilio sends it) plus fields Twilio may add.
    static func textForm(_ overrides: [String: String?] = [:]) -> [FormField] {
        var fields = [
            ("SmsMessageSid", sid), ("NumMedia", "0"), ("ProfileName", "Jane Doe"), ("SmsSid", sid),
            ("WaId", "14155550100"), ("SmsStatus", "received"), ("Body", "  My invoice is wrong  "),
            ("To", "whatsapp:+14155238886"), ("NumSegments", "1"), ("ReferralNumMedia", "0"), ("MessageSid", sid),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("From", "whatsapp:+14155550100"),
            ("ApiVersion", "2010-04-01"), ("MessageType", "text"), ("SomeFieldTwilioAddsLater", "x"),
        ]
        for (name, value) in overrides {
            fields.removeAll { $0.0 == name }
            if let value { fields.append((name, value)) }
        }
        return fields.map { FormField($0.0, $0.1) }
    }

    @Test func textMessageBecomesAnEvent() throws {
        let message = try WhatsAppInboundMessage(form: Self.textForm())
        let received = Date(timeIntervalSince1970: 1_800_000_000)
        let event = message.incomingEvent(receivedAt: received)
        #expect(event.channel == .whatsapp)
        #expect(event.channelMessageID == Self.sid)
        #expect(event.customer == .init(phone: "+14155550100", name: "Jane Doe", verified: true))
        #expect(event.content == "My invoice is wrong")
        #expect(event.receivedAt == received)
        #expect(event.partitionKey == "+14155550100")
        #expect(event.metadata == [
            "wa_id": "14155550100", "profile_name": "Jane Doe", "to": "whatsapp:+14155238886", "num_media": "0",
            "message_type": "text", "account_sid": "AC0123456789abcdef0123456789abcdef",
        ])
    }

    @Test func mediaOnlyMessageGetsAPlaceholderAndMediaMetadata() throws {
        let form = Self.textForm([
            "Body": "", "NumMedia": "2", "MessageType": "image",
            "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
            "MediaContentType0": "image/jpeg",
            "MediaUrl1": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
            "MediaContentType1": "text/vcard",
        ])
        let event = try WhatsAppInboundMessage(form: form).incomingEvent()
        #expect(event.content == "[Image attachment] [Contact card]")
        #expect(event.metadata["num_media"] == "2")
        #expect(event.metadata["media_url_1"] == "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2")
        #expect(event.metadata["media_content_type_0"] == "image/jpeg")
        #expect(event.metadata["message_type"] == "image")
    }

    @Test func locationMessageIsDescribed() throws {
        let form = Self.textForm(["Body": "", "MessageType": "location", "Latitude": "37.7749", "Longitude": "-122.4194"])
        let event = try WhatsAppInboundMessage(form: form).incomingEvent()
        #expect(event.content == "[Location: 37.7749, -122.4194]")
        #expect(event.metadata["latitude"] == "37.7749")
        #expect(event.metadata["longitude"] == "-122.4194")
    }

    @Test func replyAndButtonFieldsAreKept() throws {
        let form = Self.textForm([
            "Body": "", "ButtonText": "Talk to a human", "MessageType": "button",
            "OriginalRepliedMessageSid": "SMfedcba9876543210fedcba9876543210",
            "OriginalRepliedMessageSender": "whatsapp:+14155238886", "Forwarded": "true",
        ])
        let event = try WhatsAppInboundMessage(form: form).incomingEvent()
        #expect(event.content == "Talk to a human")
        #expect(event.metadata["original_replied_message_sid"] == "SMfedcba9876543210fedcba9876543210")
        #expect(event.metadata["button_text"] == "Talk to a human")
        #expect(event.metadata["forwarded"] == "true")
    }

    @Test func missingOrMalformedRequiredFieldsAreNamed() {
        #expect(throws: TwilioWebhookError(.missingField, field: "MessageSid")) {
            try WhatsAppInboundMessage(form: Self.textForm(["MessageSid": nil]))
        }
        #expect(throws: TwilioWebhookError(.missingField, field: "From")) {
            try WhatsAppInboundMessage(form: Self.textForm(["From": " "]))
        }
        #expect {
            try WhatsAppInboundMessage(form: Self.textForm(["MessageSid": "SM123"]))
        } throws: { ($0 as? TwilioWebhookError)?.code == .invalidField && ($0 as? TwilioWebhookError)?.field == "MessageSid" }
        #expect {
            try WhatsAppInboundMessage(form: Self.textForm(["From": "whatsapp:not-a-number"]))
        } throws: { ($0 as? TwilioWebhookError)?.field == "From" && ($0 as? TwilioWebhookError)?.code == .invalidField }
        #expect {
            try WhatsAppInboundMessage(form: Self.textForm(["NumMedia": "many"]))
        } throws: { ($0 as? TwilioWebhookError)?.field == "NumMedia" }
    }

    @Test func errorDescriptionsNameTheFieldButNotTheValue() {
        let error = TwilioWebhookError(.invalidField, field: "From", expected: "whatsapp:+ and an E.164 number")
        #expect(error.description == "the webhook's From field is invalid: expected whatsapp:+ and an E.164 number")
    }
}

@Suite struct TwilioStatusCallbackTests {
    @Test func parsesACapturedWhatsAppCallback() throws {
        let body = "ChannelPrefix=whatsapp&ApiVersion=2010-04-01&MessageStatus=undelivered&SmsSid=SM0123456789abcdef0123456789abcdef"
            + "&SmsStatus=undelivered&ChannelInstallSid=XE1&ErrorCode=63016&ErrorMessage=Outside+the+window"
            + "&To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&MessageSid=SM0123456789abcdef0123456789abcdef"
        let callback = try TwilioStatusCallback(form: FormURLEncoding.decode(Array(body.utf8)))
        #expect(callback.messageSID == "SM0123456789abcdef0123456789abcdef")
        #expect(callback.status == .undelivered)
        #expect(callback.errorCode == 63016)
        #expect(callback.errorMessage == "Outside the window")
    }

    @Test func everyDocumentedStatusParses() throws {
        let documented = ["queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving", "received",
                          "accepted", "scheduled", "read", "partially_delivered", "canceled"]
        for status in documented {
            let form = [FormField("MessageSid", WhatsAppInboundMessageTests.sid), FormField("MessageStatus", status)]
            #expect(try TwilioStatusCallback(form: form).status.rawValue == status)
        }
        #expect(TwilioMessageStatus.allCases.count == documented.count)
    }

    @Test func unknownStatusOrBadErrorCodeIsRejected() {
        let sid = FormField("MessageSid", WhatsAppInboundMessageTests.sid)
        #expect(throws: TwilioWebhookError(.invalidField, field: "MessageStatus", expected: "a Twilio message status")) {
            try TwilioStatusCallback(form: [sid, FormField("MessageStatus", "teleported")])
        }
        #expect(throws: TwilioWebhookError(.invalidField, field: "ErrorCode", expected: "an integer")) {
            try TwilioStatusCallback(form: [sid, FormField("MessageStatus", "failed"), FormField("ErrorCode", "x1")])
        }
        #expect(throws: TwilioWebhookError(.missingField, field: "MessageStatus")) {
            try TwilioStatusCallback(form: [sid])
        }
    }

    @Test func statusOnlyMovesForward() {
        #expect(TwilioMessageStatus.sent.shouldReplace(nil))
        #expect(TwilioMessageStatus.delivered.shouldReplace(.sent))
        #expect(TwilioMessageStatus.read.shouldReplace(.delivered))
        #expect(!TwilioMessageStatus.delivered.shouldReplace(.read))
        #expect(!TwilioMessageStatus.sent.shouldReplace(.delivered))
        #expect(!TwilioMessageStatus.sent.shouldReplace(.sent))
        #expect(TwilioMessageStatus.failed.shouldReplace(.sent))
        #expect(!TwilioMessageStatus.undelivered.shouldReplace(.delivered))
        #expect(TwilioMessageStatus.sending.shouldReplace(.queued))
        #expect(!TwilioMessageStatus.queued.shouldReplace(.sending))
    }

    @Test func everyStatusMapsToAStoredDeliveryStatus() {
        let stored: Set = ["pending", "received", "queued", "accepted", "sending", "sent", "delivered", "read",
                           "undelivered", "failed"]
        for status in TwilioMessageStatus.allCases { #expect(stored.contains(status.storedDeliveryStatus)) }
    }
}

@Suite struct WhatsAppBodyLimitTests {
    @Test func aBodyLongerThanWhatsAppAllowsIsRefused() throws {
        let longest = String(repeating: "a", count: WhatsAppInboundMessage.maxBodyCharacters)
        #expect(try WhatsAppInboundMessage(form: WhatsAppInboundMessageTests.textForm(["Body": longest])).body.count == 4096)
        // Emoji count as one character each, whatever their bytes.
        let emoji = String(repeating: "👍🏽", count: WhatsAppInboundMessage.maxBodyCharacters)
        #expect(throws: Never.self) { try WhatsAppInboundMessage(form: WhatsAppInboundMessageTests.textForm(["Body": emoji])) }
        #expect(throws: TwilioWebhookError(
            .invalidField, field: "Body", expected: "at most 4096 characters, WhatsApp's limit (got 60000)")) {
            try WhatsAppInboundMessage(form: WhatsAppInboundMessageTests.textForm(["Body": String(repeating: "x", count: 60_000)]))
        }
    }
}
