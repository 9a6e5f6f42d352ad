extension Migration {
    /// When the first attempt to hand an outbox entry to its provider began. Set, it means an
    /// earlier attempt may have reached the provider (cut off mid-send, a timeout, a part of a
    /// WhatsApp reply sent before a failure), so the next attempt first asks the provider what
    /// it already has (Gmail `rfc822msgid:`, Twilio's Messages list) instead of sending blindly.
    /// Entries caught mid-send or already retried when this migration runs count from their
    /// creation.
    static let outboxReconciliation = Migration(
        version: 29, name: "outbox_reconciliation",
        sql: """
            ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz;
            UPDATE outbox SET first_attempt_at = created_at
            WHERE status = 'sending' OR (status = 'pending' AND attempts > 0);
            """)
}
