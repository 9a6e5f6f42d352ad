/// Sends replies by e-mail through the Gmail API, threaded with the customer's message
/// (`threadId`, `In-Reply-To`, `References`, `Re:` subject).
///
/// Every attempt to send one reply carries the same `Message-ID`, derived from the reply's
/// message id (``messageID(for:)``); after an earlier attempt the mailbox is searched for it
/// (`rfc822msgid:`) first, and a message Gmail already has is not sent again.
public struct EmailReplySender: ReplySender {
    private let api: GmailAPIClient
    private let mailbox: EmailMailbox
    private let composer = EmailComposer()

    /// - Parameter mailbox: the support address replies come from, with its display name.
    public init(api: GmailAPIClient, mailbox: EmailMailbox) {
        self.api = api
        self.mailbox = mailbox
    }

    public var statusAfterSending: String { "sent" }

    /// The `Message-ID` every attempt to send `reply` carries: `<fte-reply-<message id>@<our domain>>`.
    public func messageID(for reply: OutboundReply) -> String {
        EmailComposer.messageID(key: "fte-reply-" + reply.messageID.lowercasedString, sender: mailbox.address)
    }

    public func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt {
        let payload = reply.payload
        let messageID = messageID(for: reply)
        if let found = try await alreadySent(reply, messageID: messageID) { return found }
        let email = try composer.reply(
            from: mailbox, to: EmailMailbox(name: payload.customerName, address: reply.recipient),
            originalSubject: payload.subject, originalMessageID: payload.inReplyTo,
            originalReferences: payload.references, body: payload.parts.joined(separator: "\n\n"), messageID: messageID)
        return DeliveryReceipt(providerIDs: [try await api.send(rawMessage: email.raw, threadID: payload.threadID).id])
    }

    /// Sends a reply that starts a new thread (a web-form answer copied by e-mail).
    func deliverNew(_ reply: OutboundReply, to recipient: String, subject: String) async throws -> DeliveryReceipt {
        let messageID = messageID(for: reply)
        if let found = try await alreadySent(reply, messageID: messageID) { return found }
        let email = try composer.newMessage(
            from: mailbox, to: EmailMailbox(name: reply.payload.customerName, address: recipient), subject: subject,
            body: reply.payload.parts.joined(separator: "\n\n"), messageID: messageID)
        return DeliveryReceipt(providerIDs: [try await api.send(rawMessage: email.raw, threadID: nil).id])
    }

    /// After an earlier attempt: the message Gmail already has under `messageID`, if any.
    private func alreadySent(_ reply: OutboundReply, messageID: String) async throws -> DeliveryReceipt? {
        guard reply.earlierAttemptSince != nil,
            let id = try await api.messageID(withRFC822MessageID: messageID)
        else { return nil }
        return DeliveryReceipt(providerIDs: [id], reconciled: 1)
    }
}
