/// Who a reply goes to and what it must mention, besides the body the model wrote.
public struct ShapingContext: Sendable, Equatable {
    /// The channel the reply goes out on.
    public var channel: Channel
    /// The customer's name, if known; greetings fall back to a nameless form.
    public var customerName: String?
    /// The ticket's reference as customers see it (e.g. the web ticket id).
    public var ticketReference: String
    /// Earlier contact on another channel to acknowledge at the start of the body.
    public var earlierContact: EarlierContact?

    public init(channel: Channel, customerName: String? = nil, ticketReference: String, earlierContact: EarlierContact? = nil) {
        self.channel = channel
        self.customerName = customerName
        self.ticketReference = ticketReference
        self.earlierContact = earlierContact
    }
}

/// A customer's earlier message on another channel.
public struct EarlierContact: Sendable, Equatable {
    /// Where they wrote.
    public var channel: Channel
    /// What about: the email subject or web-form subject, if any.
    public var topic: String?

    public init(channel: Channel, topic: String? = nil) {
        self.channel = channel
        self.topic = topic
    }
}

/// The final text of a reply: one message for email and the web form, one or more for WhatsApp.
public struct ShapedReply: Sendable, Equatable {
    /// The channel it is shaped for.
    public var channel: Channel
    /// The messages to send, in order; never empty, none of them empty.
    public var messages: [String]
    /// Whether sentences of the body were dropped to keep within the channel's word limit.
    public var wasShortened: Bool

    public init(channel: Channel, messages: [String], wasShortened: Bool) {
        self.channel = channel
        self.messages = messages
        self.wasShortened = wasShortened
    }
}
