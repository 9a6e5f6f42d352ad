import Foundation
import Testing
@testable import FTECore

@Suite struct PubSubPushEnvelopeTests {
    /// `{"emailAddress": "support@example.com", "historyId": "9876543210"}` in standard base64.
    static let standardData = Data(#"{"emailAddress": "support@example.com", "historyId": "9876543210"}"#.utf8)
        .base64EncodedString()

    @Test func decodesTheWrappedBodyAndTheNotification() throws {
        let body = """
            {"message": {"data": "\(Self.standardData)", "attributes": {"origin": "gmail"},
             "messageId": "2070443601311540", "message_id": "2070443601311540",
             "publishTime": "2021-02-26T19:13:55.749Z", "publish_time": "2021-02-26T19:13:55.749Z"},
             "subscription": "projects/fte/subscriptions/gmail-push", "deliveryAttempt": 2}
            """
        let envelope = try PubSubPushEnvelope(json: Array(body.utf8))
        #expect(envelope.messageID == "2070443601311540")
        #expect(envelope.publishTime == "2021-02-26T19:13:55.749Z")
        #expect(envelope.attributes == ["origin": "gmail"])
        #expect(envelope.subscription == "projects/fte/subscriptions/gmail-push")
        #expect(envelope.deliveryAttempt == 2)
        let notification = try GmailPushNotification(json: envelope.data)
        #expect(notification.emailAddress == "support@example.com")
        #expect(notification.historyID == "9876543210")
    }

    @Test func acceptsLegacyNamesURLSafeBase64WithoutPaddingAndANumericHistoryId() throws {
        let payload = Array(#"{"emailAddress":"a@example.com","historyId":1710}"#.utf8)
        let data = Base64URL.encode(payload)
        #expect(!data.hasSuffix("="))
        let body = #"{"message": {"data": "\#(data)", "message_id": "m-1", "publish_time": "2024-01-01T00:00:00Z"}}"#
        let envelope = try PubSubPushEnvelope(json: Array(body.utf8))
        #expect(envelope.messageID == "m-1")
        #expect(envelope.publishTime == "2024-01-01T00:00:00Z")
        #expect(envelope.attributes.isEmpty)
        #expect(envelope.data == payload)
        #expect(try GmailPushNotification(json: envelope.data).historyID == "1710")
    }

    @Test(arguments: [
        ("not json", PubSubPushError.Code.malformedEnvelope),
        (#"{"subscription": "s"}"#, .malformedEnvelope),
        (#"{"message": {"data": "e30="}}"#, .malformedEnvelope),
        (#"{"message": {"data": "%%%", "messageId": "1"}}"#, .malformedData),
    ])
    func malformedEnvelopesAreTypedErrors(body: String, code: PubSubPushError.Code) {
        #expect { try PubSubPushEnvelope(json: Array(body.utf8)) } throws: { ($0 as? PubSubPushError)?.code == code }
    }

    @Test(arguments: [
        #"{"emailAddress": "a@example.com"}"#, #"{"emailAddress": "a@example.com", "historyId": "12x"}"#,
        #"{"emailAddress": "", "historyId": "1"}"#, #"{"historyId": true, "emailAddress": "a@example.com"}"#, "[]",
    ])
    func malformedNotificationsAreTypedErrors(json: String) {
        #expect {
            try GmailPushNotification(json: Array(json.utf8))
        } throws: { ($0 as? PubSubPushError)?.code == .malformedNotification }
    }

    @Test func base64DecodingToleratesBothAlphabetsAndRejectsGarbage() {
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decode("+/8=") == [0xFB, 0xFF])
        #expect(Base64URL.decode("aGk") == Array("hi".utf8))
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("a$b=") == nil)
    }
}
