extension GmailAPIClient {
    /// The support mailbox (`FTE_GMAIL_ADDRESS`) and a client for it authorised by the OAuth
    /// refresh-token flow (`FTE_GMAIL_CLIENT_ID`, `…_SECRET`, `…_REFRESH_TOKEN`), with the
    /// base URLs from `FTE_GMAIL_API_BASE` and `FTE_GOOGLE_OAUTH_URL`.
    /// - Returns: `nil` when no Gmail address is configured.
    /// - Throws: ``ConfigError`` for a malformed address or missing credentials.
    public static func fromEnvironment(
        _ environment: [String: String], httpClient: HTTPClient
    ) throws -> (mailbox: String, api: GmailAPIClient)? {
        guard let address = ConfigKey.gmailAddress.resolve(flag: nil, environment: environment) else { return nil }
        guard let mailbox = ContactAddress.normalizedEmail(address) else {
            throw ConfigError("\(ConfigKey.gmailAddress.name) must be an e-mail address (got \(address))")
        }
        let credentials: GoogleOAuthCredentials
        do {
            credentials = try GoogleOAuthCredentials(environment: environment)
        } catch {
            throw ConfigError("Gmail needs OAuth credentials: \(error)")
        }
        let tokens = GoogleAccessTokenProvider(
            credentials: credentials, tokenURL: GoogleAccessTokenProvider.tokenURL(environment: environment),
            httpClient: httpClient)
        return (mailbox, GmailAPIClient(baseURL: baseURL(environment: environment), httpClient: httpClient, tokens: tokens))
    }
}
