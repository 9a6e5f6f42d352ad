import Foundation

/// One customer message, normalised by the gateway and published to the queue
/// (Kafka topic `fte.tickets.incoming` or the PostgreSQL queue). Its JSON form is the queue
/// message value, documented in docs/events.md; `version` changes when a field's meaning does.
public struct IncomingEvent: Sendable, Decodable, Equatable {
    /// The schema version of this JSON form.
    public static let currentVersion = 1

    /// Who wrote, as far as the channel tells.
    public struct Customer: Sendable, Decodable, Equatable {
        /// Normalised (lower-case) e-mail address.
        public var email: String?
        /// E.164 phone number (`+` and digits).
        public var phone: String?
        /// Display name.
        public var name: String?
        /// E-mail only: whether Gmail proved the `From` address (see ``EmailSenderVerification``).
        /// WhatsApp numbers are proven by the webhook's signature and web-form addresses are
        /// claims, whatever this says; absent counts as not proven.
        public var verified: Bool?

        public init(email: String? = nil, phone: String? = nil, name: String? = nil, verified: Bool? = nil) {
            self.email = email
            self.phone = phone
            self.name = name
            self.verified = verified
        }
    }

    public var version: Int
    /// Unique per event (a redelivered message gets a new one; `channelMessageID` stays).
    public var eventID: UUID
    public var channel: Channel
    /// Gmail message id, Twilio MessageSid or the web ticket id: the deduplication key.
    public var channelMessageID: String
    public var customer: Customer
    public var subject: String?
    public var content: String
    public var category: TicketCategory?
    public var priority: TicketPriority?
    public var receivedAt: Date
    /// Gmail thread id (email only).
    public var threadID: String?
    /// Channel details: e-mail headers (Message-ID, References…), WhatsApp ProfileName/WaId/media,
    /// the web form's version.
    public var metadata: [String: String]

    public init(
        eventID: UUID = .random(), channel: Channel, channelMessageID: String, customer: Customer,
        subject: String? = nil, content: String, category: TicketCategory? = nil,
        priority: TicketPriority? = nil, receivedAt: Date = Date(), threadID: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.version = Self.currentVersion
        self.eventID = eventID
        self.channel = channel
        self.channelMessageID = channelMessageID
        self.customer = customer
        self.subject = subject
        self.content = content
        self.category = category
        self.priority = priority
        self.receivedAt = receivedAt
        self.threadID = threadID
        self.metadata = metadata
    }

    /// Whether the channel proved the address the message came from: always on WhatsApp (the
    /// gateway checked Twilio's signature), on e-mail when Gmail's DMARC verdict passed
    /// (``Customer/verified``), never on the web form (its addresses are claims).
    public var senderIsVerified: Bool {
        switch channel {
        case .whatsapp: true
        case .email: customer.verified == true
        case .webForm: false
        }
    }

    /// The Kafka key: the customer's normalised address (e-mail first, then phone), so one
    /// customer's messages stay in one partition, in order.
    public var partitionKey: String {
        customer.email ?? customer.phone ?? channelMessageID
    }

    enum CodingKeys: String, CodingKey {
        case version
        case eventID = "event_id"
        case channel
        case channelMessageID = "channel_message_id"
        case customer, subject, content, category, priority
        case receivedAt = "received_at"
        case threadID = "thread_id"
        case metadata
    }
}

extension IncomingEvent {
    /// The queue message value: JSON with sorted keys and ISO 8601 UTC times with milliseconds
    /// (written by hand: this runs once per intake request; ``decode(_:)`` reads it back).
    public func encoded() throws -> [UInt8] {
        var writer = JSONObjectWriter()
        writer.field("category", category?.rawValue)
        writer.field("channel", channel.rawValue)
        writer.field("channel_message_id", channelMessageID)
        writer.field("content", content)
        writer.object("customer") { customerWriter in
            customerWriter.field("email", customer.email)
            customerWriter.field("name", customer.name)
            customerWriter.field("phone", customer.phone)
            customerWriter.field("verified", customer.verified)
        }
        writer.field("event_id", eventID.lowercasedString)
        writer.object("metadata") { metadataWriter in
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { metadataWriter.field(key, value) }
        }
        writer.field("priority", priority?.rawValue)
        writer.field("received_at", ISO8601Timestamp.string(from: receivedAt))
        writer.field("subject", subject)
        writer.field("thread_id", threadID)
        writer.field("version", version)
        return writer.finished()
    }

    /// Decodes a queue message value; throws `DecodingError` on anything else.
    public static func decode(_ bytes: some Collection<UInt8>) throws -> IncomingEvent {
        try decoder.decode(IncomingEvent.self, from: Data(bytes))
    }

    /// Configured once: every consumed event goes through it.
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = ISO8601Timestamp.date(from: text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
        }
        return decoder
    }()
}
