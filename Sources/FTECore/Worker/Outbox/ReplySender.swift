/// Delivers replies on one channel (Gmail, Twilio WhatsApp, the web status page).
public protocol ReplySender: Sendable {
    /// Delivers `payload` to `recipient` in one attempt.
    /// - Returns: the provider's ids of the messages sent (Twilio SIDs, Gmail ids), in order.
    /// - Throws: ``ChannelDeliveryError`` saying whether a retry may succeed.
    func deliver(_ payload: OutboxPayload, to recipient: String) async throws -> [String]
}
