/// Delivers replies on one channel (Gmail, Twilio WhatsApp, the web status page).
public protocol ReplySender: Sendable {
    /// Whether a reply is delivered once it is stored, so there is nothing to send: the web form
    /// without Gmail, whose replies the status page reads from the database. Such replies get no
    /// outbox entry (``Outbox``). `false` by default.
    var deliversOnStore: Bool { get }

    /// The delivery status a message has once the provider accepted it: `sent` for e-mail,
    /// `queued` on WhatsApp (Twilio's status callbacks move it on), `delivered` on the web.
    var statusAfterSending: String { get }

    /// Delivers `payload` to `recipient` in one attempt.
    /// - Returns: the provider's ids of the messages sent (Twilio SIDs, Gmail ids), in order.
    /// - Throws: ``ChannelDeliveryError`` saying whether a retry may succeed.
    func deliver(_ payload: OutboxPayload, to recipient: String) async throws -> [String]
}

extension ReplySender {
    public var deliversOnStore: Bool { false }
}
