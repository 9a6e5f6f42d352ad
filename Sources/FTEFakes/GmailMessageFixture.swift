import FTECore
import Foundation

/// A mail as the fake Gmail API serves it: built into a `users.messages.get?format=full`
/// response with a `multipart/alternative` payload (text/plain and text/html parts, base64url
/// bodies without padding, as Gmail sends them) and the header fields Gmail's own servers put
/// on top of an incoming mail: `Received` lines, ARC, `Received-SPF` and Gmail's
/// `Authentication-Results` (see ``Authentication``).
public struct GmailMessageFixture: Sendable {
    /// What Gmail's authentication said of the mail, as its headers show it.
    public enum Authentication: Sendable, Equatable {
        /// DKIM signed by the `From` domain, SPF passed, `dmarc=pass` for the `From` domain.
        case dmarcPass
        /// The `From` domain publishes DMARC and the mail failed it (a spoofed `From`).
        case dmarcFail
        /// `dmarc=fail` in Gmail's field, and below it — among the headers the sender wrote —
        /// a forged `Authentication-Results: mx.google.com; … dmarc=pass`.
        case forgedPass
        /// No `Authentication-Results` at all (our own sent mail).
        case none
    }

    /// The `From` header, e.g. `Jane Doe <jane@example.com>`.
    public var from: String
    /// The `To` header.
    public var to: String
    /// The `Subject` header.
    public var subject: String
    /// The plain-text body; the HTML part carries the same text in paragraphs.
    public var body: String
    /// The Gmail thread id; nil gives the message its own thread.
    public var threadID: String?
    /// Gmail labels, e.g. `INBOX`, `UNREAD`, `SENT`.
    public var labels: [String]
    /// The `Message-ID` header; nil generates one.
    public var rfc822MessageID: String?
    /// What Gmail's authentication headers say.
    public var authentication: Authentication

    /// A mail with the given parts.
    public init(from: String, to: String = "FTE Support <support@fte.example>", subject: String, body: String,
                threadID: String? = nil, labels: [String] = ["INBOX", "UNREAD"], rfc822MessageID: String? = nil,
                authentication: Authentication = .dmarcPass) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.threadID = threadID
        self.labels = labels
        self.rfc822MessageID = rfc822MessageID
        self.authentication = authentication
    }

    /// The `Message-ID` header the mail has under Gmail id `id`: ``rfc822MessageID`` or one made from `id`.
    public func messageIDHeader(id: String) -> String {
        rfc822MessageID ?? "<\(id)@mail.example.com>"
    }

    /// The `format=full` JSON of this mail under Gmail id `id` at history id `historyID`.
    public func json(id: String, historyID: UInt64, receivedAt: Date = Date()) -> Data {
        let html = "<div dir=\"ltr\">" + body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<p>\(Self.escapeHTML(String($0)))</p>" }.joined() + "</div>"
        let headers: [(String, String)] = gmailHeaders(receivedAt: receivedAt) + senderHeaders() + [
            ("From", from), ("To", to), ("Subject", subject),
            ("Date", Self.rfc2822Date(receivedAt)), ("Message-ID", messageIDHeader(id: id)),
            ("MIME-Version", "1.0"), ("Content-Type", "multipart/alternative; boundary=\"000000000000b1\""),
        ]
        let message: JSONValue = [
            "id": .string(id), "threadId": .string(threadID ?? id), "labelIds": .array(labels.map(JSONValue.string)),
            "snippet": .string(String(body.prefix(100))), "historyId": .string(String(historyID)),
            "internalDate": .string(String(Int64(receivedAt.timeIntervalSince1970 * 1000))),
            "sizeEstimate": .number(Double(2048 + body.utf8.count)),
            "payload": [
                "partId": "", "mimeType": "multipart/alternative", "filename": "",
                "headers": .array(headers.map { ["name": .string($0.0), "value": .string($0.1)] }), "body": ["size": 0],
                "parts": [Self.textPart("0", "text/plain", body), Self.textPart("1", "text/html", html)],
            ],
        ]
        return message.jsonData
    }

    /// The `From` address's domain, and the envelope sender Gmail saw.
    private var senderDomain: String {
        EmailMailbox.parse(from)?.address.split(separator: "@").last.map(String.init) ?? "example.com"
    }

    /// What Gmail's servers add on top of an incoming mail, topmost first: its `Received`
    /// lines, ARC, `Received-SPF` and its `Authentication-Results`.
    private func gmailHeaders(receivedAt: Date) -> [(String, String)] {
        guard authentication != .none else { return [("Delivered-To", "support@fte.example")] }
        let domain = senderDomain
        let envelope = EmailMailbox.parse(from)?.address ?? "sender@\(domain)"
        let date = Self.rfc2822Date(receivedAt)
        let results = switch authentication {
        case .dmarcPass:
            """
            mx.google.com;
                   dkim=pass header.i=@\(domain) header.s=s2026 header.b=Zm9vYmFy;
                   spf=pass (google.com: domain of \(envelope) designates 192.0.2.25 as permitted sender) smtp.mailfrom=\(envelope);
                   dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=\(domain)
            """
        default:
            """
            mx.google.com;
                   spf=softfail (google.com: domain of transitioning \(envelope) does not designate 203.0.113.9 as permitted sender) smtp.mailfrom=\(envelope);
                   dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=\(domain)
            """
        }
        let spf = authentication == .dmarcPass ? "pass" : "softfail"
        return [
            ("Delivered-To", "support@fte.example"),
            ("Received", "by 2002:a05:7300:5c8e:b0:1a2:3b4c:5d6e with SMTP id f14csp1234567dyk;        \(date)"),
            ("X-Google-Smtp-Source", "AGHT+IFakeSmtpSourceForTests"),
            ("ARC-Seal", "i=1; a=rsa-sha256; t=1764590400; cv=none; d=google.com; s=arc-20240605; b=c2VhbA=="),
            ("ARC-Message-Signature", "i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20240605; h=to:subject:message-id:date:from; bh=Ym9keQ==; b=c2ln"),
            ("ARC-Authentication-Results", "i=1; " + results),
            ("Return-Path", "<\(envelope)>"),
            ("Received", "from mail.\(domain) (mail.\(domain). [192.0.2.25])\r\n        by mx.google.com with ESMTPS id a1si123456qkb.99.2026.12.01.10.00.00\r\n        for <support@fte.example>;        \(date)"),
            ("Received-SPF", "\(spf) (google.com: domain of \(envelope)) client-ip=192.0.2.25;"),
            ("Authentication-Results", results),
        ]
    }

    /// Header fields the sender wrote above `From`: a DKIM signature, and for ``Authentication/forgedPass``
    /// the forged verdict.
    private func senderHeaders() -> [(String, String)] {
        var headers = [("DKIM-Signature", "v=1; a=rsa-sha256; c=relaxed/relaxed; d=\(senderDomain); s=s2026; h=from:to:subject:date; bh=Ym9keQ==; b=Zm9vYmFy")]
        if authentication == .forgedPass {
            headers.append((
                "Authentication-Results",
                "mx.google.com; dkim=pass header.i=@\(senderDomain); spf=pass smtp.mailfrom=\(senderDomain); dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=\(senderDomain)"))
        }
        return authentication == .none ? [] : headers
    }

    private static func textPart(_ partID: String, _ mimeType: String, _ text: String) -> JSONValue {
        [
            "partId": .string(partID), "mimeType": .string(mimeType), "filename": "",
            "headers": [
                ["name": "Content-Type", "value": .string("\(mimeType); charset=\"UTF-8\"")],
                ["name": "Content-Transfer-Encoding", "value": "quoted-printable"],
            ],
            "body": ["size": .number(Double(text.utf8.count)), "data": .string(Base64URL.encode(Array(text.utf8)))],
        ]
    }

    private static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func rfc2822Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
