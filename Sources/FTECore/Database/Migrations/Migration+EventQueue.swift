extension Migration {
    /// The single-machine queue: normalised events waiting for `fte work`, when no Kafka brokers
    /// are configured. The consumer side (claiming rows, retries, dead letters) comes with the
    /// worker.
    static let eventQueue = Migration(
        version: 5, name: "event_queue",
        sql: """
            CREATE TABLE event_queue (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id uuid NOT NULL,
                channel text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
                channel_message_id text NOT NULL CHECK (channel_message_id <> ''),
                partition_key text NOT NULL,
                payload jsonb NOT NULL,
                enqueued_at timestamptz NOT NULL DEFAULT now(),
                -- A redelivered channel message (Twilio, Pub/Sub retries) waits in the queue once.
                CONSTRAINT event_queue_event_key UNIQUE (event_id),
                CONSTRAINT event_queue_channel_message_key UNIQUE (channel, channel_message_id)
            );
            """)
}
