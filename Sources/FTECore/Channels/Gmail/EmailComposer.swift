import Foundation

/// An RFC 5322 message ready for ``GmailAPIClient/send(rawMessage:threadID:)``.
public struct ComposedEmail: Sendable, Equatable {
    /// Our `Message-ID`, with angle brackets: what the customer's reply will name in `In-Reply-To`.
    public var messageID: String
    /// The subject as written, before encoding.
    public var subject: String
    /// The whole message: header fields, a blank line and the body, every line ending in CRLF.
    public var raw: String
}

/// Writes the e-mails the support mailbox sends: `text/plain; charset=utf-8` in
/// quoted-printable, with `Date`, a fresh `Message-ID` at the sender's domain, RFC 2047
/// encoded words for non-ASCII subjects and names, and folded header lines.
///
/// No input can add a header field: line breaks and control characters in subjects and names
/// become spaces, and addresses and message ids must be well formed.
///
/// ```swift
/// let email = try EmailComposer().reply(
///     from: EmailMailbox(name: "FTE Support", address: "support@fte.example"),
///     to: EmailMailbox(name: "Jane", address: "jane@example.com"),
///     originalSubject: "Refund", originalMessageID: "<abc@mail.example.com>", originalReferences: nil,
///     body: "Hello Jane, …")
/// let sent = try await gmail.send(rawMessage: email.raw, threadID: threadID)
/// ```
public struct EmailComposer: Sendable {
    /// Most ids kept in `References`: the first (the thread's root) and the newest.
    static let maxReferences = 20

    private let now: @Sendable () -> Date

    /// A composer that dates messages with `now` (tests pass a fixed clock).
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A reply that Gmail and mail clients thread with the original: `Subject: Re: <subject>`
    /// (no second `Re:`), `In-Reply-To: <original id>`, `References: <original references>
    /// <original id>`. Malformed ids in the original headers are left out.
    /// - Parameters:
    ///   - originalSubject: the original's decoded `Subject`.
    ///   - originalMessageID: the original's `Message-ID`, with or without angle brackets.
    ///   - originalReferences: the original's `References` value, if it had one.
    ///   - body: the text; its line breaks become CRLF.
    ///   - messageID: our `Message-ID` (``messageID(key:sender:)``); a fresh one when nil.
    /// - Throws: ``ChannelDeliveryError/rejected(reason:)`` when an address is malformed or the
    ///   body is empty.
    public func reply(
        from: EmailMailbox, to: EmailMailbox, originalSubject: String?, originalMessageID: String?,
        originalReferences: String?, body: String, messageID: String? = nil
    ) throws(ChannelDeliveryError) -> ComposedEmail {
        let parent = originalMessageID.flatMap(EmailHeaderWriter.messageID)
        var references = originalReferences.map(EmailHeaderWriter.messageIDList) ?? []
        if let parent, references.last != parent {
            references.removeAll { $0 == parent }
            references.append(parent)
        }
        if references.count > Self.maxReferences {
            references = [references[0]] + references.suffix(Self.maxReferences - 1)
        }
        var threading: [String] = []
        if let parent { threading.append(EmailHeaderWriter.messageIDs("In-Reply-To", [parent])) }
        if !references.isEmpty { threading.append(EmailHeaderWriter.messageIDs("References", references)) }
        return try compose(
            from: from, to: to, subject: Self.replySubject(originalSubject), threading: threading, body: body,
            messageID: messageID)
    }

    /// A message that starts a conversation, e.g. the answer to a web-form ticket.
    /// - Parameter messageID: our `Message-ID` (``messageID(key:sender:)``); a fresh one when nil.
    /// - Throws: ``ChannelDeliveryError/rejected(reason:)`` when an address is malformed or the
    ///   body is empty.
    public func newMessage(from: EmailMailbox, to: EmailMailbox, subject: String, body: String, messageID: String? = nil)
        throws(ChannelDeliveryError) -> ComposedEmail {
        try compose(
            from: from, to: to, subject: EmailHeaderWriter.clean(subject), threading: [], body: body, messageID: messageID)
    }

    /// The `Message-ID` for `key` at the sender's domain, with angle brackets: the same for the
    /// same key, so every attempt to send one reply names it alike and the mailbox can be
    /// searched for it (`rfc822msgid:`). `key` must be an ASCII dot-atom (a UUID is).
    public static func messageID(key: String, sender: String) -> String {
        "<\(key)@\(messageIDDomain(of: ContactAddress.normalizedEmail(sender) ?? sender))>"
    }

    /// `Re: ` and the original subject, unless it already starts with `Re:` in any case.
    public static func replySubject(_ original: String?) -> String {
        let subject = EmailHeaderWriter.clean(original ?? "")
        if subject.utf8.count >= 3, subject.utf8.prefix(3).map({ $0 | 0x20 }) == Array("re:".utf8) { return subject }
        return subject.isEmpty ? "Re:" : "Re: " + subject
    }

    /// A message that starts a conversation with two renderings of one content, plain text and
    /// HTML (`multipart/alternative`, the plain part first, so clients without HTML show it).
    /// - Throws: ``ChannelDeliveryError/rejected(reason:)`` when an address is malformed or the
    ///   text is empty.
    public func newMessage(from: EmailMailbox, to: EmailMailbox, subject: String, text: String, html: String)
        throws(ChannelDeliveryError) -> ComposedEmail {
        let boundary = "fte-" + UUID.random().lowercasedString
        let part = { (type: String, content: String) in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + QuotedPrintable.encode(content) + "\r\n"
        }
        return try compose(
            from: from, to: to, subject: EmailHeaderWriter.clean(subject), threading: [], body: text,
            content: ("multipart/alternative; boundary=\"\(boundary)\"", nil,
                      part("text/plain", text) + part("text/html", html) + "--\(boundary)--"))
    }

    /// - Parameter content: the `Content-Type`, `Content-Transfer-Encoding` and encoded body
    ///   of a MIME message; by default `body` as quoted-printable plain text.
    private func compose(
        from: EmailMailbox, to: EmailMailbox, subject: String, threading: [String], body: String, messageID: String? = nil,
        content: (type: String, transferEncoding: String?, encoded: String)? = nil
    ) throws(ChannelDeliveryError) -> ComposedEmail {
        let sender = try Self.validated(from, role: "sender")
        let recipient = try Self.validated(to, role: "recipient")
        guard !body.trimmingWhitespace().isEmpty else { throw .rejected(reason: "the e-mail body is empty") }
        if let messageID, EmailHeaderWriter.messageID(messageID) != messageID {
            throw .rejected(reason: "the Message-ID to send is malformed")
        }
        let messageID = messageID ?? Self.messageID(key: UUID.random().lowercasedString, sender: sender.address)
        let content = content ?? ("text/plain; charset=utf-8", "quoted-printable", QuotedPrintable.encode(body))
        let fields = [
            EmailHeaderWriter.address("From", sender), EmailHeaderWriter.address("To", recipient),
            EmailHeaderWriter.unstructured("Subject", subject), "Date: " + EmailHeaderWriter.date(now()),
            "Message-ID: " + messageID,
        ] + threading + [
            "MIME-Version: 1.0", "Content-Type: " + content.type,
        ] + (content.transferEncoding.map { ["Content-Transfer-Encoding: " + $0] } ?? [])
        let raw = fields.joined(separator: "\r\n") + "\r\n\r\n" + content.encoded + "\r\n"
        return ComposedEmail(messageID: messageID, subject: subject, raw: raw)
    }

    /// The mailbox with its address normalised.
    private static func validated(_ mailbox: EmailMailbox, role: String) throws(ChannelDeliveryError) -> EmailMailbox {
        guard let address = ContactAddress.normalizedEmail(mailbox.address) else {
            throw .rejected(reason: "the \(role) is not a valid e-mail address")
        }
        return EmailMailbox(name: mailbox.name, address: address)
    }

    /// The sender's domain when it is ASCII (message ids must be), else `localhost`.
    private static func messageIDDomain(of address: String) -> String {
        let domain = address.split(separator: "@").last.map(String.init) ?? ""
        return domain.utf8.allSatisfy({ $0 < 0x80 }) && !domain.isEmpty ? domain : "localhost"
    }
}
