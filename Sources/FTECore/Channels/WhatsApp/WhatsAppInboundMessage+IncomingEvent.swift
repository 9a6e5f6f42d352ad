import Foundation

extension WhatsAppInboundMessage {
    /// The normalised queue event: channel `whatsapp`, the MessageSid as channel message id,
    /// the sender's phone (proven by the webhook's signature) and profile name (without
    /// bidirectional controls; dropped when nothing in it is visible), and the WhatsApp details
    /// as metadata
    /// (`wa_id`, `profile_name`, `to`, `num_media`, `media_url_N`, `media_content_type_N`,
    /// `message_type`, `latitude`/`longitude`, `button_text`, `original_replied_message_sid`…).
    public func incomingEvent(receivedAt: Date = Date(), eventID: UUID = .random()) -> IncomingEvent {
        IncomingEvent(
            eventID: eventID, channel: .whatsapp, channelMessageID: messageSID,
            customer: .init(phone: phone, name: profileName.flatMap(DisplayText.cleaned), verified: true),
            content: content, receivedAt: receivedAt,
            metadata: metadata)
    }

    /// The metadata map; absent fields are left out rather than stored empty.
    var metadata: [String: String] {
        var metadata: [String: String] = ["num_media": String(media.count)]
        metadata["wa_id"] = waID
        metadata["profile_name"] = profileName
        metadata["to"] = to
        metadata["message_type"] = messageType
        for (index, item) in media.enumerated() {
            metadata["media_url_\(index)"] = item.url
            metadata["media_content_type_\(index)"] = item.contentType
        }
        metadata["latitude"] = location?.latitude
        metadata["longitude"] = location?.longitude
        metadata["location_label"] = location?.label
        metadata["button_text"] = buttonText
        metadata["original_replied_message_sid"] = originalRepliedMessageSID
        metadata["account_sid"] = accountSID
        metadata["messaging_service_sid"] = messagingServiceSID
        if isForwarded { metadata["forwarded"] = "true" }
        if isFrequentlyForwarded { metadata["frequently_forwarded"] = "true" }
        return metadata
    }
}
