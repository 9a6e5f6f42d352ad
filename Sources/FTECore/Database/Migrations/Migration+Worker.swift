extension Migration {
    /// What `fte work` needs: claiming queue rows with leases and counting attempts, dead
    /// letters, exactly one reply per inbound message, and the outbox replies leave through.
    static let worker = Migration(
        version: 7, name: "worker",
        sql: """
            -- The PostgreSQL queue: a worker leases the oldest event of each customer (partition
            -- key) until `claimed_until`; a worker that dies lets its lease run out.
            ALTER TABLE event_queue
                ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                ADD COLUMN claimed_until timestamptz,
                ADD COLUMN last_error text;
            CREATE INDEX event_queue_partition_idx ON event_queue (partition_key, id);

            -- New rows wake sleeping consumers: NOTIFY on the channel the trigger names.
            CREATE FUNCTION notify_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(TG_ARGV[0], '');
                RETURN NULL;
            END $$;
            CREATE TRIGGER event_queue_notify AFTER INSERT ON event_queue
                FOR EACH STATEMENT EXECUTE FUNCTION notify_inserted('fte_event_queue');

            -- Events that failed too often (the PostgreSQL queue's `fte.dlq`).
            CREATE TABLE event_dead_letters (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id uuid,
                channel text,
                channel_message_id text,
                partition_key text,
                payload text NOT NULL,
                error text NOT NULL,
                attempts integer NOT NULL,
                source text NOT NULL CHECK (source IN ('postgres', 'kafka')),
                failed_at timestamptz NOT NULL DEFAULT now()
            );

            -- Each inbound message gets exactly one reply (or escalation notice): the reply
            -- names the message it answers, once.
            ALTER TABLE messages
                ADD COLUMN reply_to_message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
                ADD COLUMN answered_by text CHECK (answered_by IN ('model', 'builtin', 'human')),
                ADD COLUMN model text,
                ADD COLUMN ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
                ADD CONSTRAINT messages_reply_to_key UNIQUE (reply_to_message_id);
            CREATE INDEX messages_ticket_idx ON messages (ticket_id, created_at);

            -- Replies waiting for, or being sent by, a channel sender.
            CREATE TABLE outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id uuid NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
                channel text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
                recipient text NOT NULL,
                payload jsonb NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
                attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at timestamptz NOT NULL DEFAULT now(),
                provider_message_ids text[] NOT NULL DEFAULT '{}',
                last_error text,
                created_at timestamptz NOT NULL DEFAULT now(),
                sent_at timestamptz
            );
            CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
            CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
                FOR EACH STATEMENT EXECUTE FUNCTION notify_inserted('fte_outbox');
            """)
}
