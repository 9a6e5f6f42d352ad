/// Sends replies by e-mail through the Gmail API, threaded with the customer's message
/// (`threadId`, `In-Reply-To`, `References`, `Re:` subject).
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

    public func deliver(_ payload: OutboxPayload, to recipient: String) async throws -> [String] {
        let email = try composer.reply(
            from: mailbox, to: EmailMailbox(name: payload.customerName, address: recipient),
            originalSubject: payload.subject, originalMessageID: payload.inReplyTo,
            originalReferences: payload.references, body: payload.parts.joined(separator: "\n\n"))
        return [try await api.send(rawMessage: email.raw, threadID: payload.threadID).id]
    }

    /// Sends a reply that starts a new thread (a web-form answer copied by e-mail).
    func deliverNew(_ payload: OutboxPayload, to recipient: String, subject: String) async throws -> String {
        let email = try composer.newMessage(
            from: mailbox, to: EmailMailbox(name: payload.customerName, address: recipient), subject: subject,
            body: payload.parts.joined(separator: "\n\n"))
        return try await api.send(rawMessage: email.raw, threadID: nil).id
    }
}
