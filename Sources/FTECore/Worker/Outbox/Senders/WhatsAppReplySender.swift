import Foundation

/// Sends replies as WhatsApp messages through Twilio, one message per part. Outside the 24-hour
/// customer-service window it sends the configured template instead, or fails (the dispatcher
/// then escalates).
public struct WhatsAppReplySender: ReplySender {
    /// WhatsApp's customer-service window.
    public static let serviceWindow: TimeInterval = 24 * 3600
    private let client: TwilioMessagesClient
    private let now: @Sendable () -> Date

    public init(client: TwilioMessagesClient, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.now = now
    }

    /// Twilio queues the message; its status callbacks report the rest (``DeliveryStatusStore``).
    public var statusAfterSending: String { "queued" }

    public func deliver(_ payload: OutboxPayload, to recipient: String) async throws -> [String] {
        if let messageAt = payload.customerMessageAt, now().timeIntervalSince(messageAt) >= Self.serviceWindow {
            guard let template = client.settings.templateContentSID else {
                throw ChannelDeliveryError.outsideWhatsAppWindow(
                    reason: "the customer's last message is older than 24 hours and no template (FTE_TWILIO_TEMPLATE_SID) is configured")
            }
            let ticket = payload.ticketID.lowercasedString
            return [try await client.sendTemplate(to: recipient, contentSID: template, variables: ["1": ticket]).sid]
        }
        var sids: [String] = []
        for part in payload.parts {
            sids.append(try await client.send(to: recipient, body: part).sid)
        }
        return sids
    }
}
