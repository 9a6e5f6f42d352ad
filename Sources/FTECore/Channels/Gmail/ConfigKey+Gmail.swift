extension ConfigKey {
    /// Base URL of the Gmail API, `users/me/…` is appended.
    public static let gmailAPIBase = ConfigKey(
        "FTE_GMAIL_API_BASE", "Gmail API base URL (default https://gmail.googleapis.com/gmail/v1)")
    /// The Pub/Sub topic Gmail publishes mailbox changes to.
    public static let gmailWatchTopic = ConfigKey(
        "FTE_GMAIL_WATCH_TOPIC", "Pub/Sub topic for Gmail push notifications (projects/<project>/topics/<topic>)")
    /// How many of the newest inbox messages a full resync fetches.
    public static let gmailResyncLimit = ConfigKey(
        "FTE_GMAIL_RESYNC_LIMIT", "newest inbox messages fetched when the Gmail history expired (default 50)")
    /// How many `messages.get` calls one mailbox sync makes at a time.
    public static let gmailFetchConcurrency = ConfigKey(
        "FTE_GMAIL_FETCH_CONCURRENCY", "Gmail messages one sync fetches at a time (default 8)")
}
