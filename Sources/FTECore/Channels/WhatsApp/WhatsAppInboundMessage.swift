import Foundation

/// A WhatsApp message as Twilio's inbound webhook posts it, validated. Unknown fields are
/// ignored (Twilio adds fields without notice); the signature check covers them all anyway.
public struct WhatsAppInboundMessage: Sendable, Equatable {
    /// A media item (`MediaUrl{N}` / `MediaContentType{N}`).
    public struct Media: Sendable, Equatable {
        public var url: String
        public var contentType: String?
    }

    /// A shared location (`Latitude` / `Longitude`, optional `Address` / `Label`).
    public struct Location: Sendable, Equatable {
        public var latitude: String
        public var longitude: String
        public var label: String?
    }

    /// `MessageSid`: the deduplication key.
    public var messageSID: String
    /// The sender's E.164 phone number, from `From` (`whatsapp:+…`).
    public var phone: String
    /// `WaId`: the sender's WhatsApp id (digits only).
    public var waID: String?
    /// `ProfileName`: the sender's WhatsApp display name.
    public var profileName: String?
    /// `To`: our WhatsApp address, as Twilio sent it.
    public var to: String?
    /// `Body`, trimmed; empty for media-only and location messages.
    public var body: String
    /// `MessageType` (`text`, `image`, `location`, `contacts`, `button`…), when sent.
    public var messageType: String?
    public var media: [Media]
    public var location: Location?
    /// `ButtonText`: the label of a tapped quick-reply button.
    public var buttonText: String?
    /// `OriginalRepliedMessageSid`: the business message the customer replied to.
    public var originalRepliedMessageSID: String?
    /// Other fields kept as metadata (account, messaging service, forwarding flags).
    public var accountSID: String?
    public var messagingServiceSID: String?
    public var isForwarded: Bool
    public var isFrequentlyForwarded: Bool

    /// The longest text WhatsApp lets anyone send, in characters: a longer `Body` did not come
    /// from WhatsApp.
    public static let maxBodyCharacters = 4096

    /// Validates the webhook's fields.
    /// - Throws: ``TwilioWebhookError`` naming `MessageSid` or `From` when missing or malformed,
    ///   `Body` when it is longer than ``maxBodyCharacters``, or `NumMedia` when it is not a
    ///   count from 0 to 10.
    public init(form fields: [FormField]) throws(TwilioWebhookError) {
        messageSID = try fields.messageSID()
        let from = try fields.requiredValue("From")
        guard let phone = ContactAddress.normalizedPhone(from) else {
            throw TwilioWebhookError(.invalidField, field: "From", expected: "whatsapp:+ and an E.164 number")
        }
        self.phone = phone
        waID = fields.nonBlankValue("WaId")
        profileName = fields.nonBlankValue("ProfileName")
        to = fields.nonBlankValue("To")
        body = fields.value(of: "Body")?.trimmingWhitespace() ?? ""
        // Counted in characters (grapheme clusters), the smallest count of a text: whatever
        // unit WhatsApp counts in, a message it accepted is never refused here.
        guard body.count <= Self.maxBodyCharacters else {
            throw TwilioWebhookError(
                .invalidField, field: "Body",
                expected: "at most \(Self.maxBodyCharacters) characters, WhatsApp's limit (got \(body.count))")
        }
        messageType = fields.nonBlankValue("MessageType")
        let mediaCount = fields.nonBlankValue("NumMedia").map { Int($0) } ?? 0
        guard let mediaCount, (0...10).contains(mediaCount) else {
            throw TwilioWebhookError(.invalidField, field: "NumMedia", expected: "a count from 0 to 10")
        }
        media = (0..<mediaCount).compactMap { index in
            fields.nonBlankValue("MediaUrl\(index)").map {
                Media(url: $0, contentType: fields.nonBlankValue("MediaContentType\(index)"))
            }
        }
        if let latitude = fields.nonBlankValue("Latitude"), let longitude = fields.nonBlankValue("Longitude") {
            let label = fields.nonBlankValue("Label") ?? fields.nonBlankValue("Address")
            location = Location(latitude: latitude, longitude: longitude, label: label)
        }
        buttonText = fields.nonBlankValue("ButtonText")
        originalRepliedMessageSID = fields.nonBlankValue("OriginalRepliedMessageSid")
        accountSID = fields.nonBlankValue("AccountSid")
        messagingServiceSID = fields.nonBlankValue("MessagingServiceSid")
        isForwarded = fields.nonBlankValue("Forwarded")?.lowercased() == "true"
        isFrequentlyForwarded = fields.nonBlankValue("FrequentlyForwarded")?.lowercased() == "true"
    }

    /// What the agent reads: the body, else the button label, else a readable description of
    /// the location or media (e.g. `[Image attachment]`), so no event has empty content.
    public var content: String {
        if !body.isEmpty { return body }
        if let buttonText { return buttonText }
        if let location {
            return "[Location: \(location.latitude), \(location.longitude)"
                + (location.label.map { " (\($0))" } ?? "") + "]"
        }
        if !media.isEmpty {
            return media.map { "[\(Self.describe(contentType: $0.contentType))]" }.joined(separator: " ")
        }
        return "[WhatsApp \(messageType ?? "message") with no text]"
    }

    private static func describe(contentType: String?) -> String {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("text/vcard") || type.hasPrefix("text/x-vcard") { return "Contact card" }
        if type.hasPrefix("image/") { return "Image attachment" }
        if type.hasPrefix("audio/") { return "Voice message" }
        if type.hasPrefix("video/") { return "Video attachment" }
        return "Document attachment" + (contentType.map { " (\($0))" } ?? "")
    }
}
