/// A message's status as Twilio reports it (`MessageStatus`, and the Message resource's `status`).
public enum TwilioMessageStatus: String, Sendable, Codable, CaseIterable {
    case queued, sending, sent, failed, delivered, undelivered, receiving, received, accepted, scheduled, read
    case partiallyDelivered = "partially_delivered"
    case canceled

    /// How far along the message is. Callbacks can arrive out of order, so a status only
    /// replaces one of lower progress: `read` > `delivered` > `partially_delivered` > the
    /// failures (`failed`, `undelivered`, `canceled`, which can follow `sent`) > `sent` >
    /// `sending` > `queued` > `accepted`/`scheduled`. Inbound `receiving`/`received` sit at
    /// the level of `sending`/`sent`.
    public var progress: Int {
        switch self {
        case .accepted, .scheduled: 0
        case .queued: 1
        case .sending, .receiving: 2
        case .sent, .received: 3
        case .failed, .undelivered, .canceled: 4
        case .partiallyDelivered: 5
        case .delivered: 6
        case .read: 7
        }
    }

    /// The message did not reach the customer: `failed`, `undelivered` or `canceled`.
    public var isFailure: Bool {
        self == .failed || self == .undelivered || self == .canceled
    }

    /// Whether this status should overwrite the stored one: true when nothing is stored or
    /// this one is further along; false for duplicates and regressions (`delivered` after `read`).
    public func shouldReplace(_ current: TwilioMessageStatus?) -> Bool {
        guard let current else { return true }
        return progress > current.progress
    }

    /// The value for `messages.delivery_status` (which has no `scheduled`, `receiving`,
    /// `partially_delivered` or `canceled`): the nearest stored state.
    public var storedDeliveryStatus: String {
        switch self {
        case .scheduled: "accepted"
        case .receiving: "received"
        case .partiallyDelivered: "delivered"
        case .canceled: "failed"
        default: rawValue
        }
    }
}

/// Twilio's status callback for an outbound message (form-encoded POST).
public struct TwilioStatusCallback: Sendable, Equatable {
    /// `MessageSid` of the outbound message.
    public var messageSID: String
    /// `MessageStatus`.
    public var status: TwilioMessageStatus
    /// `ErrorCode` (e.g. 63016 outside the WhatsApp 24-hour window), when the message failed.
    public var errorCode: Int?
    /// `ErrorMessage`, when Twilio sent one.
    public var errorMessage: String?

    public init(messageSID: String, status: TwilioMessageStatus, errorCode: Int? = nil, errorMessage: String? = nil) {
        self.messageSID = messageSID
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    /// Validates the callback's fields; other fields (ChannelPrefix, SmsStatus…) are ignored.
    /// - Throws: ``TwilioWebhookError`` naming `MessageSid`, `MessageStatus` or `ErrorCode`.
    public init(form fields: [FormField]) throws(TwilioWebhookError) {
        messageSID = try fields.messageSID()
        let statusName = try fields.requiredValue("MessageStatus")
        guard let status = TwilioMessageStatus(rawValue: statusName.lowercased()) else {
            throw TwilioWebhookError(.invalidField, field: "MessageStatus", expected: "a Twilio message status")
        }
        self.status = status
        if let code = fields.nonBlankValue("ErrorCode") {
            guard let number = Int(code) else {
                throw TwilioWebhookError(.invalidField, field: "ErrorCode", expected: "an integer")
            }
            errorCode = number
        }
        errorMessage = fields.nonBlankValue("ErrorMessage")
    }
}
