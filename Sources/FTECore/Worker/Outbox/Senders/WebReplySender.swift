/// Web-form replies: the stored reply is what the status page shows, so delivery is immediate;
/// with Gmail configured the reply is also e-mailed to the address the customer gave.
public struct WebReplySender: ReplySender {
    private let email: EmailReplySender?

    public init(email: EmailReplySender?) {
        self.email = email
    }

    /// Without Gmail there is nothing to send: the status page shows the stored reply.
    public var deliversOnStore: Bool { email == nil }

    /// The status page shows the reply whether or not the e-mail copy went out.
    public var statusAfterSending: String { "delivered" }

    public func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt {
        guard let email else { return DeliveryReceipt(providerIDs: []) }
        let subject = "Your support request" + (reply.payload.subject.map { ": \($0)" } ?? "")
        return try await email.deliverNew(reply, to: reply.recipient, subject: subject)
    }
}
