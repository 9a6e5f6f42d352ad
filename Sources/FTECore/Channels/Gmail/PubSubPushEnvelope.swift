import Foundation

/// The body of a Cloud Pub/Sub push request in the default ("wrapped") format.
public struct PubSubPushEnvelope: Sendable, Equatable {
    /// The message payload, base64-decoded.
    public var data: [UInt8]
    /// `message.attributes` (empty when absent).
    public var attributes: [String: String]
    /// `message.messageId` (or legacy `message_id`): the deduplication key.
    public var messageID: String
    /// `message.publishTime` (or `publish_time`), RFC 3339, as sent.
    public var publishTime: String?
    /// `projects/{p}/subscriptions/{s}`.
    public var subscription: String?
    /// Present only with a dead-letter policy.
    public var deliveryAttempt: Int?

    /// Decodes a push body.
    /// - Throws: ``PubSubPushError`` when the body is not JSON of the wrapped shape, the
    ///   message id is missing, or `data` is not base64 (standard or URL-safe, padding optional).
    public init(json body: some Collection<UInt8>) throws(PubSubPushError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(body))
        } catch {
            throw PubSubPushError(
                .malformedEnvelope, "the body is not a Pub/Sub push envelope (\(error.shortDescription))")
        }
        guard let messageID = wire.message.messageId ?? wire.message.message_id, !messageID.isEmpty else {
            throw PubSubPushError(.malformedEnvelope, "message.messageId is missing")
        }
        guard let data = Base64URL.decode(wire.message.data ?? "") else {
            throw PubSubPushError(.malformedData, "message.data is not base64")
        }
        self.data = data
        self.messageID = messageID
        attributes = wire.message.attributes ?? [:]
        publishTime = wire.message.publishTime ?? wire.message.publish_time
        subscription = wire.subscription
        deliveryAttempt = wire.deliveryAttempt
    }

    // Field names as on the wire, legacy snake_case aliases included.
    private struct Wire: Decodable {
        struct Message: Decodable {
            var data: String?
            var attributes: [String: String]?
            var messageId: String?
            var message_id: String?
            var publishTime: String?
            var publish_time: String?
        }
        var message: Message
        var subscription: String?
        var deliveryAttempt: Int?
    }
}

/// What Gmail publishes when a watched mailbox changes: `{"emailAddress", "historyId"}`.
/// It carries no mail; `historyID` is the mailbox's current history id.
public struct GmailPushNotification: Sendable, Equatable {
    public var emailAddress: String
    /// Digits of the history id (Google documents a string; numbers are seen too).
    public var historyID: String

    /// Decodes the payload of a push message (``PubSubPushEnvelope/data``).
    /// - Throws: ``PubSubPushError`` when it is not JSON with an address and a numeric history id.
    public init(json data: some Collection<UInt8>) throws(PubSubPushError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(data))
        } catch {
            throw PubSubPushError(
                .malformedNotification, "the data is not a Gmail notification (\(error.shortDescription))")
        }
        guard !wire.historyId.isEmpty, wire.historyId.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw PubSubPushError(.malformedNotification, "historyId is not a non-negative integer")
        }
        guard !wire.emailAddress.isEmpty else {
            throw PubSubPushError(.malformedNotification, "emailAddress is empty")
        }
        emailAddress = wire.emailAddress
        historyID = wire.historyId
    }

    private struct Wire: Decodable {
        var emailAddress: String
        var historyId: String

        enum CodingKeys: CodingKey { case emailAddress, historyId }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            emailAddress = try container.decode(String.self, forKey: .emailAddress)
            if let number = try? container.decode(UInt64.self, forKey: .historyId) {
                historyId = String(number)
            } else {
                historyId = try container.decode(String.self, forKey: .historyId)
            }
        }
    }
}
