import Foundation

/// What a reply needs to know about the inbound message it answers, stored with the message as
/// `messages.metadata` (JSON, snake_case keys) so that a reply written later — by a human with
/// `fte ticket reply` — reaches the same address and stays in the same e-mail thread.
///
/// Messages stored before migration 8 have none of it (every field `nil`).
public struct InboundMessageMetadata: Sendable, Codable, Equatable {
    /// The customer's e-mail address the message gave (the sender on e-mail, the form's field).
    public var email: String?
    /// The customer's phone number the message gave (the sender on WhatsApp, the form's field).
    public var phone: String?
    /// The name the message gave (the form's field, the e-mail's display name, the WhatsApp
    /// profile): what a later reply to it is addressed to.
    public var name: String?
    /// E-mail and web form: the subject.
    public var subject: String?
    /// E-mail: the Gmail thread.
    public var threadID: String?
    /// E-mail: the message's `Message-ID` and `References` headers.
    public var messageID: String?
    public var references: String?

    public init(
        email: String? = nil, phone: String? = nil, name: String? = nil, subject: String? = nil, threadID: String? = nil,
        messageID: String? = nil, references: String? = nil
    ) {
        self.email = email
        self.phone = phone
        self.name = name
        self.subject = subject
        self.threadID = threadID
        self.messageID = messageID
        self.references = references
    }

    /// The metadata of a normalised event.
    public init(event: IncomingEvent) {
        self.init(
            email: event.customer.email, phone: event.customer.phone, name: event.customer.name.flatMap(DisplayText.cleaned),
            subject: event.subject, threadID: event.threadID,
            messageID: event.metadata["message_id"], references: event.metadata["references"])
    }

    /// The address a reply on `channel` goes to: the phone number on WhatsApp, else the e-mail
    /// address.
    public func recipient(on channel: Channel) -> String? {
        channel == .whatsapp ? phone : email
    }

    enum CodingKeys: String, CodingKey {
        case email, phone, name, subject, references
        case threadID = "thread_id", messageID = "message_id"
    }
}
