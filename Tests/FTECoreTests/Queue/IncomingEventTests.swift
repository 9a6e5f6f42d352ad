import Foundation
import Testing
@testable import FTECore

@Suite struct IncomingEventTests {
    let event = IncomingEvent(
        eventID: UUID(uuidString: "5F0C6F8E-2B1D-4A57-9A43-0D0F3C9A8B21")!, channel: .email,
        channelMessageID: "18c2f0a1b2c3d4e5",
        customer: .init(email: "jane@example.com", phone: nil, name: "Jane \"JD\" Doe"),
        subject: "Re: naïve café ☕", content: "Line one\nLine two\twith\ttabs, a \\ backslash and \u{0001}",
        category: nil, priority: .high, receivedAt: Date(timeIntervalSince1970: 1_790_000_000.123),
        threadID: "thread-1", metadata: ["references": "<a@b> <c@d>", "message_id": "<c@d>"])

    @Test func encodingRoundTripsThroughTheDecoder() throws {
        let decoded = try IncomingEvent.decode(try event.encoded())
        #expect(decoded.eventID == event.eventID)
        #expect(decoded.customer == event.customer)
        #expect(decoded.subject == event.subject)
        #expect(decoded.content == event.content)
        #expect(decoded.metadata == event.metadata)
        #expect(decoded.priority == .high && decoded.category == nil)
        #expect(abs(decoded.receivedAt.timeIntervalSince(event.receivedAt)) < 0.001)
        #expect(decoded.threadID == "thread-1")
    }

    @Test func theJSONHasSortedKeysLowerCaseIDsAndMillisecondUTCTimes() throws {
        let text = String(decoding: try event.encoded(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"channel":"email","channel_message_id":"18c2f0a1b2c3d4e5","content":"#))
        #expect(text.contains(#""event_id":"5f0c6f8e-2b1d-4a57-9a43-0d0f3c9a8b21""#))
        #expect(text.contains(#""received_at":"2026-09-21T14:13:20.123Z""#))
        #expect(text.contains(#"\u0001"#))
        #expect(!text.contains("category"))
        #expect(text.hasSuffix(#""version":1}"#))
        // Any JSON parser reads it.
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test func theOldFoundationFormOfTimesStillDecodes() throws {
        let json = #"{"version":1,"event_id":"5f0c6f8e-2b1d-4a57-9a43-0d0f3c9a8b21","channel":"web_form","channel_message_id":"x","customer":{},"content":"hi","received_at":"2026-11-25T10:00:00Z","metadata":{}}"#
        #expect(try IncomingEvent.decode(Array(json.utf8)).channel == .webForm)
    }
}

@Suite struct IncomingEventProvenanceTests {
    @Test func theSendersVerificationRoundTripsAndOnlyCountsWhereTheChannelCanProveIt() throws {
        var event = IncomingEvent(
            channel: .email, channelMessageID: "18c1", customer: .init(email: "jane@example.com", verified: true), content: "Hi")
        #expect(try IncomingEvent.decode(try event.encoded()).customer.verified == true)
        #expect(event.senderIsVerified)
        event.customer.verified = nil
        #expect(try IncomingEvent.decode(try event.encoded()).customer.verified == nil)
        #expect(!event.senderIsVerified, "an e-mail without Gmail's verdict is a claim")
        // The web form's addresses are claims whatever the event says.
        event.channel = .webForm
        event.customer.verified = true
        #expect(!event.senderIsVerified)
        // A WhatsApp number is proven by the webhook's signature.
        event.channel = .whatsapp
        event.customer.verified = nil
        #expect(event.senderIsVerified)
    }
}
