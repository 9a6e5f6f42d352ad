import Foundation

/// Sends replies as WhatsApp messages through Twilio, one message per part. Outside the 24-hour
/// customer-service window it sends the configured template instead, or fails (the dispatcher
/// then escalates).
///
/// After an earlier attempt it first lists what Twilio sent to the customer since that attempt
/// began (``TwilioMessagesClient/sentMessages(to:since:clockSkew:)``): the parts found there,
/// matched by their text in order, keep their SIDs and only the rest are sent.
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

    public func deliver(_ reply: OutboundReply) async throws -> DeliveryReceipt {
        let payload = reply.payload
        var earlier: [TwilioListedMessage]?
        if let since = reply.earlierAttemptSince {
            earlier = try await client.sentMessages(to: reply.recipient, since: since)
        }
        if let messageAt = payload.customerMessageAt, now().timeIntervalSince(messageAt) >= Self.serviceWindow {
            guard let template = client.settings.templateContentSID else {
                throw ChannelDeliveryError.outsideWhatsAppWindow(
                    reason: "the customer's last message is older than 24 hours and no template (FTE_TWILIO_TEMPLATE_SID) is configured")
            }
            // A template's text is rendered by Twilio: outside the window no free-form message can
            // have reached the customer, so any message sent to them since the attempt began is it.
            if let found = earlier?.first { return DeliveryReceipt(providerIDs: [found.sid], reconciled: 1) }
            let ticket = payload.ticketID.lowercasedString
            return DeliveryReceipt(
                providerIDs: [try await client.sendTemplate(to: reply.recipient, contentSID: template, variables: ["1": ticket]).sid])
        }
        let found = Self.sentParts(of: payload.parts, in: earlier ?? [])
        var sids = found
        for part in payload.parts.dropFirst(found.count) {
            sids.append(try await client.send(to: reply.recipient, body: part).sid)
        }
        return DeliveryReceipt(providerIDs: sids, reconciled: found.count)
    }

    /// The SIDs of the leading `parts` an earlier attempt sent: each part matched, in order, with
    /// the next listed message (oldest first) carrying exactly its text. Parts are sent in order
    /// and an attempt stops at its first failure, so what was sent is always a prefix.
    static func sentParts(of parts: [String], in listed: [TwilioListedMessage]) -> [String] {
        var sids: [String] = []
        var remaining = listed[...]
        for part in parts {
            guard let index = remaining.firstIndex(where: { $0.body == part }) else { break }
            sids.append(remaining[index].sid)
            remaining = remaining[(index + 1)...]
        }
        return sids
    }
}
