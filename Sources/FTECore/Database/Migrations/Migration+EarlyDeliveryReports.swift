extension Migration {
    /// Status callbacks that arrive before the outbox has recorded the provider's id of the
    /// message they name (Twilio reports within a second; the sender may be slow, or killed
    /// before it wrote the id down and reconciled later). The outbox applies a kept report when
    /// it records the id, so a `delivered` is never lost to the race. The index lets a callback
    /// for a later part of a several-message reply be recognised as fte's own.
    static let earlyDeliveryReports = Migration(
        version: 30, name: "early_delivery_reports",
        sql: """
            CREATE TABLE early_delivery_reports (
                provider_message_id text PRIMARY KEY,
                channel text NOT NULL CHECK (channel IN ('whatsapp')),
                status text NOT NULL,
                error_code integer,
                error_message text,
                received_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX outbox_provider_message_ids_idx ON outbox USING gin (provider_message_ids);
            """)
}
