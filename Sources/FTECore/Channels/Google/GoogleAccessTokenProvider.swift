import Foundation

/// Access tokens for the Gmail API from Google's OAuth 2.0 refresh-token flow.
///
/// A token is cached until shortly before it expires (`expires_in` minus the expiry margin).
/// Callers that arrive while a refresh is running wait for that refresh instead of starting
/// their own, so a burst of requests costs one call to the token endpoint.
public actor GoogleAccessTokenProvider {
    /// Google's token endpoint.
    public static let defaultTokenURL = "https://oauth2.googleapis.com/token"

    private struct IssuedToken: Sendable {
        let value: String
        let renewAt: ContinuousClock.Instant
    }

    private let credentials: GoogleOAuthCredentials
    private let tokenURL: String
    private let httpClient: HTTPClient
    private let expiryMargin: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var cached: IssuedToken?
    private var refresh: Task<IssuedToken, any Error>?

    /// A provider that asks `tokenURL` for tokens through `httpClient`.
    /// - Parameters:
    ///   - expiryMargin: how long before expiry a token is renewed (default 60 s; half the
    ///     lifetime for tokens that live less than twice the margin).
    ///   - now: the clock; tests inject one to pass time.
    public init(
        credentials: GoogleOAuthCredentials, tokenURL: String = GoogleAccessTokenProvider.defaultTokenURL,
        httpClient: HTTPClient, expiryMargin: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.credentials = credentials
        self.tokenURL = tokenURL
        self.httpClient = httpClient
        self.expiryMargin = expiryMargin
        self.now = now
    }

    /// The token endpoint: `FTE_GOOGLE_OAUTH_URL`, else ``defaultTokenURL``.
    public static func tokenURL(environment: [String: String]) -> String {
        ConfigKey.googleOAuthURL.resolve(flag: nil, environment: environment) ?? defaultTokenURL
    }

    /// A valid access token: the cached one, or a fresh one from the token endpoint.
    /// - Throws: ``GoogleOAuthError`` when the endpoint refuses (e.g. `invalid_grant`),
    ///   ``HTTPClientError`` when it cannot be reached.
    public func accessToken() async throws -> String {
        if let cached, now() < cached.renewAt { return cached.value }
        if let refresh { return try await refresh.value.value }
        let task = Task { [credentials, tokenURL, httpClient, expiryMargin, now] in
            try await Self.requestToken(
                credentials: credentials, tokenURL: tokenURL, httpClient: httpClient,
                expiryMargin: expiryMargin, requestedAt: now())
        }
        refresh = task
        do {
            let token = try await task.value
            cached = token
            refresh = nil
            return token.value
        } catch {
            refresh = nil
            throw error
        }
    }

    /// Forgets `token` (e.g. after the API answered 401 with it), so the next call refreshes.
    /// A newer cached token is kept.
    public func invalidate(_ token: String) {
        if cached?.value == token { cached = nil }
    }

    /// A successful token response (RFC 6749 §5.1).
    private struct TokenResponse: Decodable {
        let accessToken: String
        let expiresIn: Int?
        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", expiresIn = "expires_in"
        }
    }

    /// An error response (RFC 6749 §5.2).
    private struct ErrorResponse: Decodable {
        let error: String
        let errorDescription: String?
        enum CodingKeys: String, CodingKey {
            case error, errorDescription = "error_description"
        }
    }

    private static func requestToken(
        credentials: GoogleOAuthCredentials, tokenURL: String, httpClient: HTTPClient,
        expiryMargin: Duration, requestedAt: ContinuousClock.Instant
    ) async throws -> IssuedToken {
        var request = HTTPClientRequest(.post, url: tokenURL, headers: ["Accept": "application/json"])
        request.setFormBody([
            FormField("grant_type", "refresh_token"), FormField("client_id", credentials.clientID),
            FormField("client_secret", credentials.clientSecret), FormField("refresh_token", credentials.refreshToken),
        ])
        let response = try await httpClient.send(request)
        guard response.isSuccess else {
            guard let failure = try? response.decodeJSON(ErrorResponse.self) else {
                throw GoogleOAuthError(.malformedResponse(status: response.status))
            }
            throw GoogleOAuthError(.rejected(
                status: response.status, error: credentials.redacting(failure.error),
                description: failure.errorDescription.map(credentials.redacting)))
        }
        guard let token = try? response.decodeJSON(TokenResponse.self), !token.accessToken.isEmpty else {
            throw GoogleOAuthError(.malformedResponse(status: response.status))
        }
        let lifetime = Duration.seconds(max(0, token.expiresIn ?? 3600))
        let usable = lifetime > expiryMargin * 2 ? lifetime - expiryMargin : lifetime / 2
        return IssuedToken(value: token.accessToken, renewAt: requestedAt + usable)
    }
}
