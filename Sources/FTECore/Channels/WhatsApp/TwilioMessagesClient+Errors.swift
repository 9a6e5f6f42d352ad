import Foundation

extension TwilioMessagesClient {
    /// Twilio's error code for a message outside the WhatsApp 24-hour window.
    public static let outsideWindowErrorCode = 63016
    /// Twilio's error code for too many concurrent requests (HTTP 429); never processed.
    public static let tooManyRequestsErrorCode = 20429

    /// Twilio's error body: `{"code": 20429, "message": "…", "more_info": "https://…", "status": 429}`.
    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var moreInfo: String?

        enum CodingKeys: String, CodingKey {
            case code, message, moreInfo = "more_info"
        }
    }

    /// Classifies an error answer: code 63016 is ``ChannelDeliveryError/outsideWhatsAppWindow(reason:)``;
    /// 429 (20429), 408 and 5xx are retryable, honouring `Retry-After`; every other status
    /// (401 bad credentials, 400 invalid number…) is rejected. The reason carries the status,
    /// Twilio's code, message and `more_info`, with the Auth Token redacted.
    func classify(_ response: HTTPClientResponse) -> ChannelDeliveryError {
        let body = try? response.decodeJSON(ErrorBody.self)
        var reason = "Twilio answered HTTP \(response.status)"
        if let code = body?.code { reason += ", error \(code)" }
        if let message = body?.message, !message.isEmpty { reason += ": " + String(message.prefix(300)) }
        if let moreInfo = body?.moreInfo, !moreInfo.isEmpty { reason += " (\(moreInfo))" }
        if !settings.authToken.isEmpty {
            reason = reason.replacingOccurrences(of: settings.authToken, with: "<redacted>")
        }
        switch (response.status, body?.code) {
        case (_, Self.outsideWindowErrorCode):
            return .outsideWhatsAppWindow(reason: reason)
        case (429, _), (408, _), (500...599, _), (_, Self.tooManyRequestsErrorCode):
            return .retryable(reason: reason, retryAfter: response.retryAfter())
        default:
            return .rejected(reason: reason)
        }
    }
}
