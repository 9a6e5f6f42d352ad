extension Migration {
    /// Per-mailbox Gmail sync state: the history id processed up to (the `history.list` start of
    /// the next sync) and when the push watch expires.
    static let gmailSync = Migration(
        version: 6, name: "gmail_sync",
        sql: """
            CREATE TABLE gmail_sync (
                mailbox text PRIMARY KEY CHECK (mailbox <> ''),
                -- Gmail history ids are unsigned 64-bit integers; NULL until the first sync.
                history_id numeric(20, 0) CHECK (history_id >= 0),
                watch_expires_at timestamptz,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            """)
}
