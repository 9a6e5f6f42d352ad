/// The Google token endpoint refused or garbled a token request.
///
/// Carries the endpoint's `error` code and `error_description`, never the client secret or the
/// refresh token. Failures to reach the endpoint are ``HTTPClientError``s instead.
public struct GoogleOAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why no token was issued.
    public enum Reason: Sendable, Equatable {
        /// The endpoint answered with an OAuth error (RFC 6749 §5.2), e.g. `invalid_grant` when
        /// the refresh token was revoked or expired, `invalid_client` for a wrong client.
        case rejected(status: Int, error: String, description: String?)
        /// The endpoint answered with something that is not a token or OAuth error response.
        case malformedResponse(status: Int)
        /// A required setting is unset; names the environment variable.
        case missingSetting(String)
    }

    /// Why no token was issued.
    public let reason: Reason

    /// An error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// Whether the refresh token is no longer valid, so only a new authorisation helps.
    public var isInvalidGrant: Bool {
        if case .rejected(_, "invalid_grant", _) = reason { return true }
        return false
    }

    public var description: String {
        switch reason {
        case .rejected(let status, let error, let description):
            return "Google OAuth refused the token request (HTTP \(status)): \(error)"
                + (description.map { " – \($0)" } ?? "")
        case .malformedResponse(let status):
            return "Google OAuth sent an unreadable token response (HTTP \(status))"
        case .missingSetting(let name):
            return "\(name) is not set"
        }
    }
}
