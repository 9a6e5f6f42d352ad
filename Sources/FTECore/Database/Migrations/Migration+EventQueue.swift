extension Migration {
    /// The single-machine queue: normalised events waiting for `fte work`, when no Kafka brokers
    /// are configured. Consumers claim rows with `FOR UPDATE SKIP LOCKED`, one partition key at
    /// a time, so one customer's events are handled in order.
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
                attempts integer NOT NULL DEFAULT 0,
                last_error text,
                -- A redelivered channel message (Twilio, Pub/Sub retries) waits in the queue once.
                CONSTRAINT event_queue_event_key UNIQUE (event_id),
                CONSTRAINT event_queue_channel_message_key UNIQUE (channel, channel_message_id)
            );
            CREATE INDEX event_queue_partition_idx ON event_queue (partition_key, id);

            -- Events a consumer gave up on (`fte.dlq` when Kafka is used).
            CREATE TABLE event_dead_letters (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id uuid NOT NULL,
                payload jsonb NOT NULL,
                error text NOT NULL,
                failed_at timestamptz NOT NULL DEFAULT now()
            );
            """)
}
