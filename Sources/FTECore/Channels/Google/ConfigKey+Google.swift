extension ConfigKey {
    /// OAuth client id of the Google Cloud project that reads the support mailbox.
    public static let gmailClientID = ConfigKey("FTE_GMAIL_CLIENT_ID", "Google OAuth client id for the Gmail API")
    /// OAuth client secret.
    public static let gmailClientSecret = ConfigKey(
        "FTE_GMAIL_CLIENT_SECRET", "Google OAuth client secret for the Gmail API", isSecret: true)
    /// Offline refresh token of the support mailbox (granted with `access_type=offline`).
    public static let gmailRefreshToken = ConfigKey(
        "FTE_GMAIL_REFRESH_TOKEN", "Google OAuth refresh token of the support mailbox", isSecret: true)
    /// Google's OAuth 2.0 token endpoint.
    public static let googleOAuthURL = ConfigKey(
        "FTE_GOOGLE_OAUTH_URL", "Google OAuth token endpoint (default https://oauth2.googleapis.com/token)")
}
