import Foundation
import Testing
@testable import FTECore

@Suite struct GmailMessageTests {
    func event(_ json: String, ownAddress: String? = "support@fte.example") throws -> IncomingEvent? {
        try GmailMessage.decode(json: Array(json.utf8)).incomingEvent(ownAddress: ownAddress)
    }

    @Test func nestedMultipartBecomesAnEvent() throws {
        let message = try GmailMessage.decode(json: Array(GmailFixtures.nestedMixed.utf8))
        #expect(message.payload?.parts.last?.isAttachment == true)
        #expect(message.payload?.parts.first?.parts.first?.body?.data?.hasSuffix("=") == false)
        let event = try #require(try message.incomingEvent(ownAddress: "Support@FTE.example"))
        #expect(event.channel == .email)
        #expect(event.channelMessageID == "18f0c1a2b3c4d5e6")
        #expect(event.threadID == "18f0c1a2b3c4d000")
        #expect(event.customer == .init(email: "jane.doe@example.com", name: "Doe, Jane", verified: false), "no Authentication-Results from Gmail: a claim")
        #expect(event.subject == "Réclamation facture – urgent")
        #expect(event.content == "Hi,\n\nMy invoice for March shows 3 seats but we have 2. Can you fix it?\n\nThanks,\nJane")
        #expect(event.receivedAt == Date(timeIntervalSince1970: 1_741_000_000.123))
        #expect(event.metadata == [
            "message_id": "<CAB123@mail.gmail.com>", "in_reply_to": "<reply-1@fte.example>",
            "references": "<orig@fte.example> <reply-1@fte.example>", "to": "FTE Support <support@fte.example>",
            "cc": "Björn <bjorn@example.com>", "date": "Mon, 3 Mar 2025 11:06:40 +0100", "history_id": "1234567",
            "sender_verification": "no Authentication-Results",
        ])
    }

    @Test func htmlOnlyBodyIsConvertedAndItsQuoteRemoved() throws {
        let event = try #require(try event(GmailFixtures.htmlOnly))
        #expect(event.content == "I can't log in since \"yesterday\".\nError 500\non every try")
        #expect(event.customer.email == "omar@example.org")
        #expect(event.customer.name == nil)
        #expect(event.metadata["message_id"] == "<h1@example.org>")
    }

    @Test func outlookQuoteAndMobileSignatureAreRemoved() throws {
        let event = try #require(try event(GmailFixtures.outlookReply))
        #expect(event.content == "Still not working, sorry.")
        #expect(event.customer == .init(email: "li.wei@example.net", name: "Li Wei", verified: false))
    }

    @Test func latin1BodyAndEncodedWordsAreDecoded() throws {
        let event = try #require(try event(GmailFixtures.latin1))
        #expect(event.content == "Grüße, die Rechnung ist falsch. Danke! Jürgen")
        #expect(event.subject == "Grüße aus Köln")
        #expect(event.customer == .init(email: "juergen@example.de", name: "Jürgen Müller", verified: false))
    }

    @Test func ownMessagesAreSkipped() throws {
        let sent = GmailFixtures.nestedMixed.replacingOccurrences(of: #""INBOX", "UNREAD""#, with: #""SENT""#)
        #expect(try event(sent) == nil)
        let draft = GmailFixtures.nestedMixed.replacingOccurrences(of: #""INBOX", "UNREAD""#, with: #""DRAFT""#)
        #expect(try event(draft) == nil)
        #expect(try event(GmailFixtures.nestedMixed, ownAddress: "JANE.DOE@example.com") == nil)
        #expect(try event(GmailFixtures.nestedMixed, ownAddress: nil) != nil)
    }

    @Test func messagesWithoutSenderOrBodyAreTypedErrors() throws {
        let noFrom = GmailFixtures.message(headers: GmailFixtures.headers([("Subject", "x")]), payload: "")
        #expect { try event(noFrom) } throws: { ($0 as? GmailMessageError)?.code == .missingSender }
        let badFrom = GmailFixtures.message(headers: GmailFixtures.headers([("From", "Jane <not-an-address>")]), payload: "")
        #expect { try event(badFrom) } throws: { ($0 as? GmailMessageError)?.code == .missingSender }
        let attachmentOnly = GmailFixtures.message(headers: GmailFixtures.headers([("From", "a@example.com")]), payload: """
            {"mimeType": "image/png", "filename": "a.png", "headers": [], "body": {"attachmentId": "x", "size": 9}}
            """)
        #expect { try event(attachmentOnly) } throws: { ($0 as? GmailMessageError)?.code == .missingBody }
        let corrupt = GmailFixtures.message(headers: GmailFixtures.headers([("From", "a@example.com")]), payload: """
            {"mimeType": "text/plain", "headers": [], "body": {"data": "a$$$", "size": 9}}
            """)
        #expect { try event(corrupt) } throws: { ($0 as? GmailMessageError)?.code == .undecodableBody }
    }

    @Test(arguments: ["{}", #"{"id": "1", "internalDate": "soon"}"#, "[]"])
    func malformedResponsesAreTypedErrors(json: String) {
        #expect {
            try GmailMessage.decode(json: Array(json.utf8))
        } throws: { ($0 as? GmailMessageError)?.code == .malformedMessage }
    }
}
