import FTECore
import Foundation

/// A mail as the fake Gmail API serves it: built into a `users.messages.get?format=full`
/// response with a `multipart/alternative` payload (text/plain and text/html parts, base64url
/// bodies without padding, as Gmail sends them).
public struct GmailMessageFixture: Sendable {
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

    /// A mail with the given parts.
    public init(from: String, to: String = "FTE Support <support@fte.example>", subject: String, body: String,
                threadID: String? = nil, labels: [String] = ["INBOX", "UNREAD"], rfc822MessageID: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.threadID = threadID
        self.labels = labels
        self.rfc822MessageID = rfc822MessageID
    }

    /// The `Message-ID` header the mail has under Gmail id `id`: ``rfc822MessageID`` or one made from `id`.
    public func messageIDHeader(id: String) -> String {
        rfc822MessageID ?? "<\(id)@mail.example.com>"
    }

    /// The `format=full` JSON of this mail under Gmail id `id` at history id `historyID`.
    public func json(id: String, historyID: UInt64, receivedAt: Date = Date()) -> Data {
        let html = "<div dir=\"ltr\">" + body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<p>\(Self.escapeHTML(String($0)))</p>" }.joined() + "</div>"
        let headers: [(String, String)] = [
            ("Delivered-To", "support@fte.example"), ("From", from), ("To", to), ("Subject", subject),
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
