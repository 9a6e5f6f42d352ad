import FTETestSupport
import Foundation
import Testing
@testable import FTECore

/// ``EmailComposer`` output, taken apart by ``ParsedEmail`` (an independent parser).
@Suite struct EmailComposerTests {
    static let support = EmailMailbox(name: "FTE Support", address: "support@fte.example")
    static let jane = EmailMailbox(name: "Jane Doe", address: "jane@example.com")
    /// 2026-11-24 08:05:09 UTC, a Tuesday.
    let composer = EmailComposer(now: { Date(timeIntervalSince1970: 1_795_507_509) })

    func parse(_ email: ComposedEmail) throws -> ParsedEmail {
        try #require(ParsedEmail(raw: email.raw))
    }

    @Test(arguments: [
        ("Order 42", "Re: Order 42"), ("Re: Order 42", "Re: Order 42"), ("RE: Order 42", "RE: Order 42"),
        ("re:Order 42", "re:Order 42"), ("  Order 42  ", "Re: Order 42"), ("Rebate", "Re: Rebate"), ("", "Re:"),
    ])
    func replySubjectAddsReOnce(original: String, expected: String) {
        #expect(EmailComposer.replySubject(original) == expected)
    }

    @Test func aReplyThreadsWithTheOriginal() throws {
        let email = try composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "Order 42",
            originalMessageID: "<orig-3@mail.example.com>",
            originalReferences: "<root-1@mail.example.com>\r\n <orig-2@mail.example.com>", body: "Hello Jane")
        let parsed = try parse(email)
        #expect(parsed.headers["From"] == "FTE Support <support@fte.example>")
        #expect(parsed.headers["To"] == "Jane Doe <jane@example.com>")
        #expect(parsed.headers["Subject"] == "Re: Order 42")
        #expect(parsed.headers["In-Reply-To"] == "<orig-3@mail.example.com>")
        #expect(parsed.headers["References"]
            == "<root-1@mail.example.com> <orig-2@mail.example.com> <orig-3@mail.example.com>")
        #expect(parsed.headers["Date"] == "Tue, 24 Nov 2026 08:05:09 +0000")
        #expect(parsed.headers["MIME-Version"] == "1.0")
        #expect(parsed.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(parsed.headers["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(parsed.headers["Message-ID"] == email.messageID)
        #expect(email.messageID.wholeMatch(of: /<[0-9a-f-]{36}@fte\.example>/) != nil)
        #expect(parsed.body == "Hello Jane")
        #expect(parsed.usesCRLF)
    }

    @Test func eachMessageGetsAFreshMessageID() throws {
        let first = try composer.newMessage(from: Self.support, to: Self.jane, subject: "S", body: "B")
        let second = try composer.newMessage(from: Self.support, to: Self.jane, subject: "S", body: "B")
        #expect(first.messageID != second.messageID)
    }

    @Test func theOriginalIDIsNotRepeatedAndBareOrBrokenIDsAreHandled() throws {
        let repeated = try parse(composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "S", originalMessageID: "<b@x>",
            originalReferences: "<a@x> <b@x>", body: "B"))
        #expect(repeated.headers["References"] == "<a@x> <b@x>")
        let bare = try parse(composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "S", originalMessageID: " b@x ",
            originalReferences: "(comment) <a@x> junk <broken <c@x>", body: "B"))
        #expect(bare.headers["In-Reply-To"] == "<b@x>")
        #expect(bare.headers["References"] == "<a@x> <c@x> <b@x>")
        let none = try parse(composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "S", originalMessageID: nil,
            originalReferences: nil, body: "B"))
        #expect(none.headers["In-Reply-To"] == nil && none.headers["References"] == nil)
    }

    @Test func longReferenceChainsKeepTheRootAndTheNewestAndFold() throws {
        let chain = (1...30).map { "<message-\($0)@mail.example.com>" }
        let parsed = try parse(composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "S", originalMessageID: "<message-31@mail.example.com>",
            originalReferences: chain.joined(separator: " "), body: "B"))
        let references = parsed.headers["References"]?.split(separator: " ").map(String.init) ?? []
        #expect(references.count == EmailComposer.maxReferences)
        #expect(references.first == "<message-1@mail.example.com>")
        #expect(references.last == "<message-31@mail.example.com>")
        #expect(parsed.longestLine <= 78)
    }

    @Test func nonASCIISubjectsAndNamesBecomeEncodedWordsThatDecodeBack() throws {
        let subject = "Rückerstattung für Bestellung 42 – schnell bitte 😀 " + String(repeating: "ß", count: 60)
        let email = try composer.newMessage(
            from: Self.support, to: EmailMailbox(name: "Zoë Ångström", address: "zoe@example.com"),
            subject: subject, body: "B")
        #expect(email.raw.utf8.allSatisfy { $0 < 0x80 })
        #expect(email.raw.contains("=?UTF-8?B?"))
        let parsed = try parse(email)
        #expect(parsed.headers.decoded("Subject") == subject)
        #expect(parsed.headers.all("Subject").count == 1)
        #expect(parsed.longestLine <= 78)
        let to = try #require(parsed.headers["To"].flatMap(EmailMailbox.parse))
        #expect(to == EmailMailbox(name: "Zoë Ångström", address: "zoe@example.com"))
    }

    @Test func aReplyKeepsReReadableAndEncodesOnlyTheWordsThatNeedIt() throws {
        let email = try composer.reply(
            from: Self.support, to: Self.jane, originalSubject: "Bestellung  Nr. 42 für Zoë  –  bitte",
            originalMessageID: nil, originalReferences: nil, body: "B")
        #expect(email.raw.contains("\r\nSubject: Re: Bestellung  Nr. 42 =?UTF-8?B?"))
        #expect(try parse(email).headers.decoded("Subject") == "Re: Bestellung  Nr. 42 für Zoë  –  bitte")
    }

    @Test func namesWithSpecialsAreQuotedAndTextThatLooksEncodedIsEncoded() throws {
        let parsed = try parse(composer.newMessage(
            from: EmailMailbox(name: #"Doe, Jane "JD" \ Support"#, address: "support@fte.example"), to: Self.jane,
            subject: "Literal =?UTF-8?B?SGk=?= text", body: "B"))
        #expect(parsed.headers["From"].flatMap(EmailMailbox.parse)?.name == #"Doe, Jane "JD" \ Support"#)
        #expect(parsed.headers.decoded("Subject") == "Literal =?UTF-8?B?SGk=?= text")
    }

    @Test func headerInjectionIsNeutralised() throws {
        let email = try composer.reply(
            from: EmailMailbox(name: "Eve\r\nBcc: evil@attacker.example", address: "support@fte.example"),
            to: Self.jane, originalSubject: "Hi\r\nBcc: evil@attacker.example\nX-Evil: 1",
            originalMessageID: "<a@b>\r\nBcc: evil@attacker.example", originalReferences: "<c@d>\r\nX-Evil: 2",
            body: "Body")
        let parsed = try parse(email)
        #expect(parsed.headers.all("Bcc").isEmpty)
        #expect(parsed.headers.all("X-Evil").isEmpty)
        #expect(parsed.headers.headers.map(\.name) == [
            "From", "To", "Subject", "Date", "Message-ID", "References", "MIME-Version", "Content-Type",
            "Content-Transfer-Encoding",
        ])
        #expect(parsed.headers["References"] == "<c@d>")
        #expect(parsed.headers.decoded("Subject")?.hasPrefix("Re: Hi") == true)
        #expect(parsed.usesCRLF)
    }

    @Test(arguments: ["jane@example.com\r\nBcc: evil@attacker.example", "Jane <jane@example.com>", "not an address"])
    func malformedAddressesAreRejected(address: String) {
        #expect(throws: ChannelDeliveryError.rejected(reason: "the recipient is not a valid e-mail address")) {
            try composer.newMessage(
                from: Self.support, to: EmailMailbox(name: nil, address: address), subject: "S", body: "B")
        }
    }

    @Test func anEmptyBodyIsRejected() {
        #expect(throws: ChannelDeliveryError.rejected(reason: "the e-mail body is empty")) {
            try composer.newMessage(from: Self.support, to: Self.jane, subject: "S", body: " \r\n ")
        }
    }

    @Test func theBodyDecodesBackToTheOriginalText() throws {
        let body = [
            "Dear Zoë,", "", "Your refund of 42 € (ticket T-1042) is on its way. 😀",
            String(repeating: "a-very-long-line-without-spaces=", count: 12),
            "Trailing spaces stay   ", "Tab\there\t", "From the team", ".", "=3D is not an escape here",
            String(repeating: "ünïcödé ", count: 30), "", "Kind regards,\r\nFTE Support",
        ].joined(separator: "\n")
        let email = try composer.newMessage(from: Self.support, to: Self.jane, subject: "Refund", body: body)
        let parsed = try parse(email)
        #expect(parsed.body == body.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(parsed.usesCRLF)
        let bodyLines = email.raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            .components(separatedBy: "\r\n")
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 76 })
        #expect(bodyLines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") && !$0.hasPrefix("From ") })
        #expect(email.raw.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test func aNewMessageHasNoThreadingHeaders() throws {
        let parsed = try parse(composer.newMessage(
            from: Self.support, to: Self.jane, subject: "Your request T-1042", body: "Hello"))
        #expect(parsed.headers["Subject"] == "Your request T-1042")
        #expect(parsed.headers["In-Reply-To"] == nil && parsed.headers["References"] == nil)
    }
}
