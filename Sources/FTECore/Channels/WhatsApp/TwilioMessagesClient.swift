import Foundation

/// Sends WhatsApp messages through Twilio's Messages API: a form-encoded
/// `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP Basic authentication
/// (Account SID and Auth Token), answered with the Message resource as JSON.
///
/// Each call makes one attempt and classifies a failure as a ``ChannelDeliveryError``; retries,
/// backoff and the circuit breaker belong to the caller. Invalid input is refused before any
/// request. The Auth Token never appears in errors.
///
/// ```swift
/// let twilio = TwilioMessagesClient(settings: try TwilioSettings(environment: environment), httpClient: client)
/// let sent = try await twilio.send(to: "+14155550100", body: "Your order has shipped.")
/// ```
public struct TwilioMessagesClient: Sendable {
    /// Most characters Twilio accepts in a `Body`.
    public static let maxBodyLength = 1600

    /// The account, sender, callback URL and template in use.
    public let settings: TwilioSettings
    let httpClient: HTTPClient

    /// A client that sends with `settings` through `httpClient`.
    public init(settings: TwilioSettings, httpClient: HTTPClient) {
        self.settings = settings
        self.httpClient = httpClient
    }

    /// The length Twilio's 1,600-character limit is checked against: UTF-16 code units, the
    /// strictest reading (an emoji counts as two), so a body accepted here is never too long.
    public static func bodyLength(_ body: String) -> Int {
        body.utf16.count
    }

    /// Sends a free-form message, which WhatsApp allows within 24 hours of the customer's last
    /// message; outside that window use ``sendTemplate(to:contentSID:variables:)``.
    /// - Parameters:
    ///   - phone: the customer's number in E.164 (`+14155550100`); a `whatsapp:` prefix is accepted.
    ///   - body: the text, 1 to ``maxBodyLength`` characters as ``bodyLength(_:)`` counts them.
    /// - Returns: the message's SID and initial status (`queued`).
    /// - Throws: ``ChannelDeliveryError``: `rejected` before any request for an empty or too
    ///   long body or a malformed number; otherwise as ``ChannelDeliveryError`` classifies
    ///   Twilio's answer (63016 is `outsideWhatsAppWindow`). `CancellationError` when cancelled.
    public func send(to phone: String, body: String) async throws -> TwilioSentMessage {
        guard !body.trimmingWhitespace().isEmpty else {
            throw ChannelDeliveryError.rejected(reason: "the WhatsApp message body is empty")
        }
        let length = Self.bodyLength(body)
        guard length <= Self.maxBodyLength else {
            throw ChannelDeliveryError.rejected(
                reason: "the WhatsApp message body has \(length) characters; "
                    + "Twilio accepts at most \(Self.maxBodyLength)")
        }
        return try await create(to: phone, content: [FormField("Body", body)])
    }

    /// Sends an approved template (`ContentSid` with `ContentVariables`, no `Body`): the only
    /// kind of message WhatsApp delivers outside the 24-hour customer-service window.
    /// - Parameters:
    ///   - phone: the customer's number in E.164; a `whatsapp:` prefix is accepted.
    ///   - contentSID: the template's Content SID (`HX` and 32 hex digits).
    ///   - variables: the template's placeholders by name (`"1"`, `"2"`…), sent as a JSON object.
    /// - Returns: the message's SID and initial status.
    /// - Throws: ``ChannelDeliveryError``, `rejected` before any request for a malformed
    ///   number or Content SID. `CancellationError` when cancelled.
    public func sendTemplate(to phone: String, contentSID: String, variables: [String: String]) async throws
        -> TwilioSentMessage {
        guard TwilioSID.isValid(contentSID, prefix: "HX") else {
            throw ChannelDeliveryError.rejected(reason: "the template Content SID must be HX followed by 32 hex digits")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(variables), as: UTF8.self)
        return try await create(
            to: phone, content: [FormField("ContentSid", contentSID), FormField("ContentVariables", json)])
    }

    /// Posts `To`, `From`, the content fields and `StatusCallback`, and reads the answer.
    private func create(to phone: String, content: [FormField]) async throws -> TwilioSentMessage {
        guard let recipient = ContactAddress.normalizedPhone(phone) else {
            throw ChannelDeliveryError.rejected(reason: "the WhatsApp recipient is not an E.164 phone number")
        }
        guard let sender = ContactAddress.normalizedPhone(settings.whatsAppFrom) else {
            throw ChannelDeliveryError.notConfigured(reason: "the WhatsApp sender is not an E.164 phone number")
        }
        var fields = [FormField("To", "whatsapp:" + recipient), FormField("From", "whatsapp:" + sender)] + content
        if let callback = settings.statusCallbackURL { fields.append(FormField("StatusCallback", callback)) }
        var request = messagesRequest(.post)
        request.setFormBody(fields)
        let response = try await perform(request)
        guard let message = TwilioSentMessage(response: response) else {
            // Twilio took the message: the outbox's next attempt finds it in the Messages list
            // (``sentMessages(to:since:clockSkew:)``) instead of sending it again.
            throw ChannelDeliveryError.retryable(
                reason: "Twilio accepted the message (HTTP \(response.status)) but its answer has no message SID",
                retryAfter: nil)
        }
        return message
    }
}

extension TwilioMessagesClient {
    /// A request to the account's Messages list resource, authenticated, with `query` appended.
    func messagesRequest(_ method: HTTPClientRequest.Method, query: [FormField] = []) -> HTTPClientRequest {
        let account = FormURLEncoding.encodeComponent(settings.accountSID)
        var url = "\(settings.apiBaseURL)/2010-04-01/Accounts/\(account)/Messages.json"
        if !query.isEmpty { url += "?" + FormURLEncoding.encode(query) }
        var request = HTTPClientRequest(method, url: url, headers: ["Accept": "application/json"])
        request.setBasicAuthorization(user: settings.accountSID, password: settings.authToken)
        return request
    }

    /// Sends `request`; a transport failure or an error answer becomes a ``ChannelDeliveryError``.
    func perform(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await httpClient.send(request)
        } catch let error as HTTPClientError {
            throw ChannelDeliveryError.transport(error, provider: "Twilio")
        }
        guard response.isSuccess else { throw classify(response) }
        return response
    }
}
