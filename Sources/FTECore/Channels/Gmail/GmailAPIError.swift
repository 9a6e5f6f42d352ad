/// The Gmail API answered a call with an error status, or with a body that is not what the call
/// returns. Transport failures are ``HTTPClientError``s and token failures ``GoogleOAuthError``s.
///
/// Never carries the access token, request bodies or message content.
public struct GmailAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// `history.list` answered 404: the start history id is too old or invalid; a full
        /// resync is needed.
        case historyExpired
        /// The message does not exist (any more): `messages.get` answered 404.
        case messageNotFound(id: String)
        /// Quota exceeded (429, or 403 with reason `rateLimitExceeded`/`userRateLimitExceeded`).
        case rateLimited(status: Int)
        /// The access token was refused twice, even after a refresh.
        case unauthorized
        /// Another error status, with Google's `error.errors[0].reason` or `error.status`.
        case failed(status: Int, reason: String?)
        /// A 2xx response whose body is not the expected JSON; says what is wrong.
        case malformedResponse(String)
    }

    /// What went wrong.
    public let reason: Reason
    /// The API call, e.g. `history.list`.
    public let call: String
    /// How long Google asked us to wait (`Retry-After`), when it said.
    public let retryAfter: Duration?

    /// An error of `call` for `reason`.
    public init(_ reason: Reason, call: String, retryAfter: Duration? = nil) {
        self.reason = reason
        self.call = call
        self.retryAfter = retryAfter
    }

    /// Whether the same call may succeed later: rate limits and server errors (5xx).
    public var isRetriable: Bool {
        switch reason {
        case .rateLimited: return true
        case .failed(let status, _): return status >= 500
        case .historyExpired, .messageNotFound, .unauthorized, .malformedResponse: return false
        }
    }

    public var description: String {
        "Gmail \(call): " + {
            switch reason {
            case .historyExpired: return "the start history id has expired (HTTP 404)"
            case .messageNotFound(let id): return "message \(id) not found (HTTP 404)"
            case .rateLimited(let status): return "rate limited (HTTP \(status))"
            case .unauthorized: return "the access token was refused after a refresh (HTTP 401)"
            case .failed(let status, let reason): return "HTTP \(status)" + (reason.map { " (\($0))" } ?? "")
            case .malformedResponse(let problem): return "unreadable response: \(problem)"
            }
        }()
    }
}
