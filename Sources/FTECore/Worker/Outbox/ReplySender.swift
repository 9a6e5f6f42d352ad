import Foundation

/// Delivers replies on one channel (Gmail, Twilio WhatsApp, the web status page).
public protocol ReplySender: Sendable {
    /// Whether a reply is delivered once it is stored, so there is nothing to send: the web form
    /// without Gmail, whose replies the status page reads from the database. Such replies get no
    /// outbox entry (``Outbox``). `false` by default.
    var deliversOnStore: Bool { get }

    /// The delivery status a message has once the provider accepted it: `sent` for e-mail,
    /// `queued` on WhatsApp (Twilio's status callbacks move it on), `delivered` on the web.
    var statusAfterSending: String { get }

    /// Delivers `reply` in one attempt. When ``OutboundReply/earlierAttemptSince`` is set, an
    /// earlier attempt may have reached the provider: the sender first asks the provider what it
    /// already has and sends only what is missing (reconciliation), so a reply is never sent twice.
    /// - Returns: the provider's ids of the reply's messages, in order, found or sent.
    /// - Throws: ``ChannelDeliveryError`` saying whether a retry may succeed; a provider that
    ///   cannot be asked is `retryable`, and nothing was sent.
    func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt
}

extension ReplySender {
    public var deliversOnStore: Bool { false }
}

/// One reply as a ``ReplySender`` receives it from the outbox.
public struct OutboundReply: Sendable, Equatable {
    /// The reply's message (`messages.id`, the outbox entry's key): the e-mail `Message-ID`
    /// derives from it, so every attempt sends the same one.
    public var messageID: UUID
    /// The customer's address: an e-mail address or an E.164 number.
    public var recipient: String
    public var payload: OutboxPayload
    /// When the first attempt began, if an earlier attempt may have reached the provider.
    public var earlierAttemptSince: Date?

    public init(messageID: UUID, recipient: String, payload: OutboxPayload, earlierAttemptSince: Date? = nil) {
        self.messageID = messageID
        self.recipient = recipient
        self.payload = payload
        self.earlierAttemptSince = earlierAttemptSince
    }
}

/// What one delivery left at the provider.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The provider's ids of the reply's messages, in order (Twilio SIDs, Gmail ids).
    public var providerIDs: [String]
    /// How many of them an earlier attempt had delivered: found at the provider, not sent again.
    public var reconciled: Int

    public init(providerIDs: [String], reconciled: Int = 0) {
        self.providerIDs = providerIDs
        self.reconciled = reconciled
    }
}
