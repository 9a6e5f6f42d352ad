extension ConfigKey {
    /// Address `fte serve` listens on.
    public static let host = ConfigKey(
        "FTE_HOST", "address fte serve, and fte work's probes, listen on (default 127.0.0.1; 0.0.0.0 in containers)")
    /// Port `fte serve` listens on.
    public static let port = ConfigKey("FTE_PORT", "port fte serve listens on (default 8080; 0 picks a free one)")
    /// The externally visible base URL, for webhook signatures.
    public static let publicURL = ConfigKey(
        "FTE_PUBLIC_URL", "externally visible base URL, e.g. https://support.example.com (Twilio signatures)")
    /// Bearer token of the admin endpoints.
    public static let adminToken = ConfigKey("FTE_ADMIN_TOKEN", "bearer token for the admin endpoints", isSecret: true)
    /// Key of the web-form ticket ids (shared by all gateways).
    public static let ticketSecret = ConfigKey(
        "FTE_TICKET_SECRET", "key that signs web-form ticket ids; the same on every gateway (default: random per process)",
        isSecret: true)
    /// Largest request body.
    public static let maxBodyBytes = ConfigKey("FTE_MAX_BODY_BYTES", "largest request body in bytes (default 65536)")
    /// Web-form rate limit.
    public static let submissionsPerMinute = ConfigKey(
        "FTE_SUBMISSIONS_PER_MINUTE", "web-form submissions per client address per minute (default 10)")
    /// Whether X-Forwarded-For names the client.
    public static let trustForwardedFor = ConfigKey(
        "FTE_TRUST_FORWARDED_FOR", "true behind a proxy: rate-limit by X-Forwarded-For (default false)")
    /// How many proxies in front of the gateway append to X-Forwarded-For.
    public static let trustedProxies = ConfigKey(
        "FTE_TRUSTED_PROXIES",
        "proxies in front of fte serve that append to X-Forwarded-For; the client is that many entries from the right (default 1)")
    /// Log output format of long-running commands.
    public static let logFormat = ConfigKey("FTE_LOG_FORMAT", "json (default for fte serve) or text")
}
