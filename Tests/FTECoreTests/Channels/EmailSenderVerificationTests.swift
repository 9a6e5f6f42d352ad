import FTECore
import FTETestSupport
import Foundation
import Testing

/// Gmail's `Authentication-Results` as the trust model reads it: only the topmost field, only
/// when Gmail (`mx.google.com`) wrote it, and DMARC (or, without a verdict, aligned DKIM/SPF)
/// for the `From` domain.
@Suite struct EmailSenderVerificationTests {
    static let gmailPass = """
        mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=QUJD;\r\n       \
        spf=pass (google.com: domain of jane@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=jane@example.com;\r\n       \
        dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.com
        """

    func verdict(_ fields: [(String, String)], from: String = "jane@example.com") -> EmailSenderVerification {
        EmailSenderVerification.of(headers: EmailHeaders(fields.map { EmailHeader(name: $0.0, value: $0.1) }), fromAddress: from)
    }

    @Test func gmailsDMARCPassForTheFromDomainVerifies() {
        let result = verdict([("Received", "by 2002:a05::1 with SMTP id x"), ("Authentication-Results", Self.gmailPass)])
        #expect(result.isVerified)
        #expect(result.evidence == "dmarc=pass header.from=example.com")
    }

    @Test func aForgedPassBelowGmailsOwnVerdictDoesNotCount() {
        let gmailFail = "mx.google.com; spf=softfail smtp.mailfrom=jane@example.com; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=example.com"
        let result = verdict([
            ("Authentication-Results", gmailFail),
            ("DKIM-Signature", "v=1; d=evil.example; s=s1; b=x"),
            ("Authentication-Results", "mx.google.com; dmarc=pass header.from=example.com"),
        ])
        #expect(!result.isVerified)
        #expect(result.evidence.hasPrefix("dmarc=fail"))
    }

    @Test(arguments: [
        "mx.evil.example; dmarc=pass header.from=example.com",
        "mx.google.com.evil.example; dmarc=pass header.from=example.com",
        "mail.example.com; dkim=pass header.d=example.com",
    ])
    func resultsAnybodyElseWroteDoNotCount(field: String) {
        #expect(!verdict([("Authentication-Results", field)]).isVerified)
    }

    @Test func withoutAnyAuthenticationResultsTheSenderIsAClaim() {
        #expect(!verdict([("From", "jane@example.com")]).isVerified)
    }

    @Test func aPassForAnotherDomainDoesNotVerifyTheFromAddress() {
        let field = "mx.google.com; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=x@evil.example; dmarc=pass header.from=evil.example"
        #expect(!verdict([("Authentication-Results", field)]).isVerified)
    }

    @Test func aPassThatNamesNoFromDomainDoesNotVerify() {
        #expect(!verdict([("Authentication-Results", "mx.google.com; dmarc=pass (p=NONE sp=NONE dis=NONE)")]).isVerified)
    }

    @Test func aMessageWithSeveralFromAddressesIsAClaim() {
        // Gmail checked one of the two domains; the event would carry the first address.
        let field = "mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"
        let result = verdict([
            ("Authentication-Results", field), ("From", "Jane <jane@example.com>, Mallory <mallory@evil.example>"),
        ])
        #expect(!result.isVerified)
        #expect(!verdict([("Authentication-Results", field), ("From", "jane@example.com"), ("From", "mallory@evil.example")]).isVerified)
        #expect(verdict([("Authentication-Results", field), ("From", "Jane Doe <jane@example.com>")]).isVerified)
    }

    @Test func withoutADMARCVerdictAlignedDKIMOrSPFVerifies() {
        #expect(verdict([("Authentication-Results", "mx.google.com; dkim=pass header.i=@example.com header.s=s1")]).isVerified)
        #expect(verdict([("Authentication-Results", "mx.google.com; dkim=pass header.d=example.com")], from: "jane@support.example.com").isVerified)
        #expect(verdict([("Authentication-Results", "mx.google.com; spf=pass smtp.mailfrom=bounce@example.com")]).isVerified)
        // A subdomain does not speak for its parent, nor a look-alike suffix for the domain.
        #expect(!verdict([("Authentication-Results", "mx.google.com; dkim=pass header.d=mail.example.com")]).isVerified)
        #expect(!verdict([("Authentication-Results", "mx.google.com; dkim=pass header.d=badexample.com")]).isVerified)
        #expect(!verdict([("Authentication-Results", "mx.google.com; dkim=fail header.d=example.com; spf=neutral smtp.mailfrom=example.com")]).isVerified)
    }

    @Test func commentsAndQuotedStringsDoNotSplitResults() {
        let field = #"mx.google.com (Google; "mx"); dkim=pass (signature was verified; 2048-bit key) header.d="example.com"; dmarc=pass (p=NONE; sp=NONE) header.from=example.com"#
        let results = AuthenticationResults(field)
        #expect(results?.authservID == "mx.google.com")
        #expect(results?.results.map(\.method) == ["dkim", "dmarc"])
        #expect(results?.results(of: "dkim").first?.properties["header.d"] == "example.com")
        #expect(verdict([("Authentication-Results", field)]).isVerified)
    }

    @Test func theFakeGmailServersHeadersReadLikeGmailsOwn() throws {
        for (authentication, verified) in [(GmailMessageFixture.Authentication.dmarcPass, true), (.dmarcFail, false), (.forgedPass, false), (.none, false)] {
            let fixture = GmailMessageFixture(
                from: "Jane Doe <jane@example.com>", subject: "Help", body: "Please help me.", authentication: authentication)
            let message = try GmailMessage.decode(json: fixture.json(id: "18f0000000000001", historyID: 1007))
            let event = try #require(try message.incomingEvent(ownAddress: "support@fte.example"))
            #expect(event.customer.verified == verified, "\(authentication)")
            #expect(event.senderIsVerified == verified)
            #expect(event.metadata["sender_verification"] != nil)
        }
    }
}
