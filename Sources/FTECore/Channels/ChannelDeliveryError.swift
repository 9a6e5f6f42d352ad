/// Why a reply could not be handed to a channel provider (Twilio, Gmail), classified for the
/// outbox dispatcher: retry later, fall back to a WhatsApp template, or give up.
///
/// Senders make one attempt and throw this; the dispatcher owns retries, backoff and the
/// circuit breaker. Reasons name the provider, the HTTP status and the provider's error code,
/// never credentials.
public enum ChannelDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider did not take the message but may later: rate limits (HTTP 429, Twilio 20429,
    /// Gmail `rateLimitExceeded`/`userRateLimitExceeded`), server errors (5xx), timeouts and
    /// transport failures. `retryAfter` is the provider's hint (`Retry-After`), when it sent one.
    case retryable(reason: String, retryAfter: Duration?)
    /// WhatsApp refused a free-form message outside the 24-hour customer-service window (Twilio
    /// 63016, Meta 470): only an approved template (`ContentSid`) reaches the customer now.
    case outsideWhatsAppWindow(reason: String)
    /// Refused for good: by the provider (invalid recipient, refused credentials, another 4xx),
    /// or locally before any request (body too long, malformed address). Sending it again fails
    /// the same way.
    case rejected(reason: String)
    /// The channel's settings are missing or malformed; the reason names the variable.
    case notConfigured(reason: String)

    /// Whether the same message may go through on a later attempt.
    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }

    /// The provider's wait hint, for ``retryable(reason:retryAfter:)``.
    public var retryAfter: Duration? {
        if case .retryable(_, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// What went wrong, without the classification.
    public var reason: String {
        switch self {
        case .retryable(let reason, _), .outsideWhatsAppWindow(let reason), .rejected(let reason),
            .notConfigured(let reason):
            reason
        }
    }

    public var description: String {
        switch self {
        case .retryable(let reason, let retryAfter):
            "delivery failed, retryable" + (retryAfter.map { " after \($0)" } ?? "") + ": \(reason)"
        case .outsideWhatsAppWindow(let reason):
            "outside the WhatsApp 24-hour window, a template is needed: \(reason)"
        case .rejected(let reason): "delivery rejected: \(reason)"
        case .notConfigured(let reason): "channel not configured: \(reason)"
        }
    }
}

extension ChannelDeliveryError {
    /// Classifies a request that got no response: connection, resolution, timeout and other
    /// transport failures, and a client shutting down, are retryable; an unusable request (a
    /// malformed base URL) is a configuration problem; the rest are rejected.
    /// - Parameter provider: who was called, e.g. `Twilio`.
    static func transport(_ error: HTTPClientError, provider: String) -> ChannelDeliveryError {
        switch error.reason {
        case .couldNotResolve, .couldNotConnect, .timedOut, .transport, .shutDown:
            .retryable(reason: "\(provider): \(error)", retryAfter: nil)
        case .invalidRequest:
            .notConfigured(reason: "\(provider): \(error)")
        case .responseTooLarge, .tooManyRedirects:
            .rejected(reason: "\(provider): \(error)")
        }
    }
}
