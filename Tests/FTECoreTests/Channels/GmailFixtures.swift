@testable import FTECore

/// `users.messages.get?format=full` responses shaped like real ones. Body data is base64url
/// without padding, as Gmail sends it.
enum GmailFixtures {
    static func data(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    static func headers(_ pairs: [(String, String)]) -> String {
        pairs.map { #"{"name": "\#($0.0)", "value": "\#($0.1)"}"# }.joined(separator: ", ")
    }

    static func message(id: String = "18f0c1a2b3c4d5e6", labels: [String] = ["INBOX", "UNREAD"], headers: String,
                        payload: String) -> String {
        """
        {"id": "\(id)", "threadId": "18f0c1a2b3c4d000", "labelIds": [\(labels.map { "\"\($0)\"" }.joined(separator: ", "))],
         "snippet": "Hi, my invoice…", "historyId": "1234567", "internalDate": "1741000000123", "sizeEstimate": 52311,
         "payload": {"partId": "", "mimeType": "multipart/mixed", "filename": "", "headers": [\(headers)],
                     "body": {"size": 0}, "parts": [\(payload)]}}
        """
    }

    static let customerHeaders = headers([
        ("Delivered-To", "support@fte.example"), ("From", "\\\"Doe, Jane\\\" <Jane.Doe@Example.COM>"),
        ("To", "FTE Support <support@fte.example>"), ("Cc", "=?UTF-8?Q?Bj=C3=B6rn?= <bjorn@example.com>"),
        ("Subject", "=?UTF-8?B?UsOpY2xhbWF0aW9uIGZhY3R1cmU=?= =?UTF-8?B?IOKAkyB1cmdlbnQ=?="),
        ("Date", "Mon, 3 Mar 2025 11:06:40 +0100"), ("Message-Id", "<CAB123@mail.gmail.com>"),
        ("In-Reply-To", "<reply-1@fte.example>"), ("References", "<orig@fte.example> <reply-1@fte.example>"),
    ])

    /// mixed > (alternative > plain + html) + PDF attachment; Gmail-style quoted reply and a signature.
    static let nestedMixed = message(headers: customerHeaders, payload: """
        {"partId": "0", "mimeType": "multipart/alternative", "filename": "", "headers": [\(headers([("Content-Type", "multipart/alternative; boundary=\\\"b2\\\"")]))],
         "body": {"size": 0}, "parts": [
           {"partId": "0.0", "mimeType": "text/plain", "filename": "",
            "headers": [\(headers([("Content-Type", "text/plain; charset=\\\"UTF-8\\\""), ("Content-Transfer-Encoding", "quoted-printable")]))],
            "body": {"size": 260, "data": "\(data("Hi,\r\n\r\nMy invoice for March shows 3 seats but we have 2. Can you fix it?\r\n\r\nThanks,\r\nJane\r\n\r\n-- \r\nJane Doe | Acme GmbH\r\n\r\nOn Mon, 3 Mar 2025 at 10:00, FTE Support <support@fte.example>\r\nwrote:\r\n\r\n> Hello Jane,\r\n> your invoice is attached.\r\n"))"}},
           {"partId": "0.1", "mimeType": "text/html", "filename": "",
            "headers": [\(headers([("Content-Type", "text/html; charset=\\\"UTF-8\\\"")]))],
            "body": {"size": 300, "data": "\(data("<div dir=\"ltr\">HTML version</div>"))"}}]},
        {"partId": "1", "mimeType": "application/pdf", "filename": "invoice-march.pdf",
         "headers": [\(headers([("Content-Type", "application/pdf; name=\\\"invoice-march.pdf\\\""), ("Content-Disposition", "attachment; filename=\\\"invoice-march.pdf\\\"")]))],
         "body": {"attachmentId": "ANGjdJ8abc", "size": 48211}}
        """)

    /// HTML only, Gmail's quote in a blockquote.
    static let htmlOnly = message(
        headers: headers([("From", "omar@example.org"), ("Subject", "Login broken"), ("Message-ID", "<h1@example.org>")]),
        payload: """
        {"partId": "0", "mimeType": "text/html", "filename": "", "headers": [\(headers([("Content-Type", "text/html; charset=utf-8")]))],
         "body": {"size": 400, "data": "\(data("<html><head><title>x</title><style>p{color:red}</style></head><body><div dir=\"ltr\"><p>I can&#39;t log in since &quot;yesterday&quot;.</p><p>Error&nbsp;500<br>on every try</p></div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Sun, Mar 2, 2025 at 9:00 AM FTE Support &lt;support@fte.example&gt; wrote:<br></div><blockquote class=\"gmail_quote\">Welcome aboard!</blockquote></div></body></html>"))"}}
        """)

    /// Outlook reply: the quoted header block after an underscore rule, then "Sent from my iPhone".
    static let outlookReply = message(
        headers: headers([("From", "Li Wei <li.wei@example.net>"), ("Subject", "RE: Your ticket")]),
        payload: """
        {"partId": "0", "mimeType": "text/plain", "filename": "", "headers": [],
         "body": {"size": 300, "data": "\(data("Still not working, sorry.\r\n\r\nSent from my iPhone\r\n\r\n________________________________\r\nFrom: FTE Support <support@fte.example>\r\nSent: Monday, March 3, 2025 10:00 AM\r\nTo: Li Wei <li.wei@example.net>\r\nSubject: Your ticket\r\n\r\nPlease restart the app.\r\n"))"}}
        """)

    /// ISO-8859-1 body and a Q-encoded Latin-1 subject.
    static let latin1 = message(
        headers: headers([("FROM", "=?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@example.de>"),
                          ("Subject", "=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=")]),
        payload: """
        {"partId": "0", "mimeType": "text/plain", "filename": "",
         "headers": [\(headers([("Content-Type", "text/plain; charset=ISO-8859-1")]))],
         "body": {"size": 30, "data": "\(Base64URL.encode(Array("Grüße, die Rechnung ist falsch. Danke! Jürgen".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })))"}}
        """)
}
