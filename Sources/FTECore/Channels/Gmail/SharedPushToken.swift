/// The simpler push authentication: a secret put in the push endpoint's URL
/// (`…/webhooks/gmail?token=…`) and compared in constant time. Use it when OIDC
/// authentication is not configured on the subscription.
public struct SharedPushToken: Sendable {
    private let secret: [UInt8]

    /// - Parameter secret: the configured token; must not be empty.
    public init?(_ secret: String) {
        guard !secret.isEmpty else { return nil }
        self.secret = Array(secret.utf8)
    }

    /// Checks the token the request presented.
    /// - Throws: ``PushAuthenticationError`` (`missingToken` or `invalidSignature`, both 401).
    public func verify(_ presented: String?) throws(PushAuthenticationError) {
        guard let presented, !presented.isEmpty else {
            throw PushAuthenticationError(.missingToken, "the request has no push token")
        }
        guard constantTimeEquals(presented.utf8, secret) else {
            throw PushAuthenticationError(.invalidSignature, "the push token does not match")
        }
    }
}
