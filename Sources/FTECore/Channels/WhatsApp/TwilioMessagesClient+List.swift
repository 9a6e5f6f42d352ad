import Foundation

/// A message in Twilio's Messages list: what the outbox compares with a reply it may have sent.
public struct TwilioListedMessage: Sendable, Equatable {
    /// The Message SID.
    public var sid: String
    /// The text Twilio has for it (a template's rendered text).
    public var body: String
    /// `date_created`: when Twilio accepted it.
    public var createdAt: Date?
    public var status: TwilioMessageStatus?
}

extension TwilioMessagesClient {
    /// Most messages one list call reads (Twilio's largest `PageSize`).
    static let listPageSize = 1000

    /// Messages this sender sent to `phone` since `since`, oldest first: Twilio's Messages list
    /// filtered by `To`, `From` and `DateSent>` (on and after the day of `since`, as
    /// twilio-python sends `date_sent_after`), then by `date_created` no earlier than `since`
    /// less `clockSkew` (Twilio's clock and ours differ).
    /// - Throws: ``ChannelDeliveryError`` as a send classifies failures (a malformed answer is
    ///   `retryable`: nothing was sent). `CancellationError` when cancelled.
    public func sentMessages(to phone: String, since: Date, clockSkew: TimeInterval = 120) async throws
        -> [TwilioListedMessage] {
        guard let recipient = ContactAddress.normalizedPhone(phone) else {
            throw ChannelDeliveryError.rejected(reason: "the WhatsApp recipient is not an E.164 phone number")
        }
        guard let sender = ContactAddress.normalizedPhone(settings.whatsAppFrom) else {
            throw ChannelDeliveryError.notConfigured(reason: "the WhatsApp sender is not an E.164 phone number")
        }
        let request = messagesRequest(.get, query: [
            FormField("To", "whatsapp:" + recipient), FormField("From", "whatsapp:" + sender),
            FormField("DateSent>", Self.isoDateTime(since.addingTimeInterval(-clockSkew))),
            FormField("PageSize", String(Self.listPageSize)),
        ])
        let response = try await perform(request)
        guard let page = try? response.decodeJSON(MessagePage.self) else {
            throw ChannelDeliveryError.retryable(reason: "Twilio's Messages list answer is not a page of messages", retryAfter: nil)
        }
        let earliest = since.addingTimeInterval(-clockSkew)
        return page.messages.compactMap { resource -> TwilioListedMessage? in
            let created = resource.dateCreated.flatMap(Self.rfc2822Date)
            if let created, created < earliest { return nil }
            return TwilioListedMessage(
                sid: resource.sid, body: resource.body ?? "", createdAt: created,
                status: resource.status.flatMap { TwilioMessageStatus(rawValue: $0) })
        }.reversed()
    }

    /// One page of the Messages list (`messages`, newest first).
    private struct MessagePage: Decodable {
        struct Resource: Decodable {
            var sid: String
            var body: String?
            var dateCreated: String?
            var status: String?
            enum CodingKeys: String, CodingKey { case sid, body, status, dateCreated = "date_created" }
        }
        var messages: [Resource]
    }

    /// `2026-12-07T12:00:00Z`, as Twilio's libraries write date filters.
    static func isoDateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Twilio's dates: `Mon, 07 Dec 2026 12:00:00 +0000`.
    static func rfc2822Date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: text)
    }
}
