import Foundation

/// What a channel sender needs to deliver one reply, stored as `outbox.payload`.
public struct OutboxPayload: Sendable, Codable, Equatable {
    /// The texts to send, in order: one per WhatsApp message; one for e-mail and the web.
    public var parts: [String]
    /// The ticket the reply belongs to (its reference in e-mails).
    public var ticketID: UUID
    public var customerName: String?
    /// E-mail: the subject of the message answered (the reply says `Re:` it).
    public var subject: String?
    /// E-mail: the Gmail thread to reply in.
    public var threadID: String?
    /// E-mail: the answered message's `Message-ID` and `References`.
    public var inReplyTo: String?
    public var references: String?
    /// Web form: the customer's e-mail address, for the copy sent by e-mail.
    public var email: String?
    /// When the customer's message arrived (WhatsApp allows free-form replies for 24 hours).
    public var customerMessageAt: Date?

    public init(
        parts: [String], ticketID: UUID, customerName: String? = nil, subject: String? = nil, threadID: String? = nil,
        inReplyTo: String? = nil, references: String? = nil, email: String? = nil, customerMessageAt: Date? = nil
    ) {
        self.parts = parts
        self.ticketID = ticketID
        self.customerName = customerName
        self.subject = subject
        self.threadID = threadID
        self.inReplyTo = inReplyTo
        self.references = references
        self.email = email
        self.customerMessageAt = customerMessageAt
    }

    enum CodingKeys: String, CodingKey {
        case parts, subject, email, references
        case ticketID = "ticket_id", customerName = "customer_name", threadID = "thread_id", inReplyTo = "in_reply_to"
        case customerMessageAt = "customer_message_at"
    }

    /// The payload for a reply to `event` (threading headers for e-mail, the address for the
    /// web form's e-mail copy).
    public static func reply(to event: IncomingEvent, parts: [String], ticketID: UUID, customerName: String?) -> OutboxPayload {
        reply(to: InboundMessageMetadata(event: event), receivedAt: event.receivedAt, parts: parts, ticketID: ticketID,
              customerName: customerName)
    }

    /// The payload for a reply to a stored inbound message, described by its `metadata`, that
    /// arrived at `receivedAt`.
    public static func reply(
        to metadata: InboundMessageMetadata, receivedAt: Date?, parts: [String], ticketID: UUID, customerName: String?
    ) -> OutboxPayload {
        OutboxPayload(
            parts: parts, ticketID: ticketID, customerName: customerName, subject: metadata.subject,
            threadID: metadata.threadID, inReplyTo: metadata.messageID, references: metadata.references,
            email: metadata.email, customerMessageAt: receivedAt)
    }
}
