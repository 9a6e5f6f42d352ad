/// How `/webhooks/gmail` authenticates Pub/Sub push requests: the OIDC token Google signs
/// (recommended), or a shared token in the endpoint URL's `token` query parameter.
public enum PubSubPushAuthenticator: Sendable {
    case oidc(OIDCTokenVerifier)
    case sharedToken(SharedPushToken)

    /// Checks a push request's credentials.
    /// - Throws: ``PushAuthenticationError``; its `httpStatus` is the answer (401, 403 or 503).
    public func authenticate(authorization: String?, queryToken: String?) async throws(PushAuthenticationError) {
        switch self {
        case .oidc(let verifier): _ = try await verifier.verify(authorizationHeader: authorization)
        case .sharedToken(let token): try token.verify(queryToken)
        }
    }
}

extension ConfigKey {
    /// The support mailbox.
    public static let gmailAddress = ConfigKey(
        "FTE_GMAIL_ADDRESS", "the support mailbox (Gmail push is served only when it is set)")
    /// Expected `aud` of Pub/Sub's OIDC tokens.
    public static let pubSubAudience = ConfigKey(
        "FTE_PUBSUB_AUDIENCE", "audience of the push subscription's OIDC tokens (enables OIDC verification)")
    /// Expected `email` of Pub/Sub's OIDC tokens.
    public static let pubSubServiceAccount = ConfigKey(
        "FTE_PUBSUB_SERVICE_ACCOUNT", "service account e-mail the push subscription signs as")
    /// The simpler alternative to OIDC.
    public static let pubSubToken = ConfigKey(
        "FTE_PUBSUB_TOKEN", "shared token expected as ?token= on /webhooks/gmail (when OIDC is not configured)",
        isSecret: true)
    /// Where Google's signing keys are fetched.
    public static let googleCertsURL = ConfigKey(
        "FTE_GOOGLE_CERTS_URL", "JWKS URL of Google's token signing keys (default https://www.googleapis.com/oauth2/v3/certs)")
}
