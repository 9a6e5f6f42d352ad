extension Migration {
    /// The CRM: customers and their identifiers across channels, conversations, messages,
    /// tickets, escalations, channel configuration and agent metrics, plus pgvector.
    static let crmSchema = Migration(
        version: 1, name: "crm_schema",
        sql: """
            CREATE EXTENSION IF NOT EXISTS vector;

            CREATE TABLE customers (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                metadata jsonb NOT NULL DEFAULT '{}'
            );

            -- One customer per (type, normalised value): e-mail lower-cased, phones in E.164.
            CREATE TABLE customer_identifiers (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                type text NOT NULL CHECK (type IN ('email', 'phone', 'whatsapp')),
                value text NOT NULL CHECK (value <> ''),
                verified boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT customer_identifiers_type_value_key UNIQUE (type, value),
                CONSTRAINT customer_identifiers_email_normalised
                    CHECK (type <> 'email' OR value = lower(value)),
                CONSTRAINT customer_identifiers_phone_e164
                    CHECK (type = 'email' OR value ~ '^\\+[1-9][0-9]{6,14}$')
            );
            CREATE INDEX customer_identifiers_customer_idx ON customer_identifiers (customer_id);

            CREATE TABLE conversations (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                initial_channel text NOT NULL CHECK (initial_channel IN ('email', 'whatsapp', 'web_form')),
                last_channel text NOT NULL CHECK (last_channel IN ('email', 'whatsapp', 'web_form')),
                status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resolved', 'escalated')),
                sentiment real CHECK (sentiment BETWEEN 0 AND 1),
                channel_switches integer NOT NULL DEFAULT 0 CHECK (channel_switches >= 0),
                started_at timestamptz NOT NULL DEFAULT now(),
                last_message_at timestamptz NOT NULL DEFAULT now(),
                ended_at timestamptz,
                metadata jsonb NOT NULL DEFAULT '{}'
            );
            CREATE INDEX conversations_customer_idx ON conversations (customer_id, last_message_at DESC);

            CREATE TABLE messages (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                channel text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
                direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
                role text NOT NULL CHECK (role IN ('customer', 'agent', 'human', 'system')),
                content text NOT NULL,
                channel_message_id text,
                delivery_status text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN (
                    'pending', 'received', 'queued', 'accepted', 'sending', 'sent', 'delivered',
                    'read', 'undelivered', 'failed')),
                sentiment real CHECK (sentiment BETWEEN 0 AND 1),
                latency_ms integer CHECK (latency_ms >= 0),
                tokens_used integer CHECK (tokens_used >= 0),
                tool_calls jsonb NOT NULL DEFAULT '[]',
                sources jsonb NOT NULL DEFAULT '[]',
                created_at timestamptz NOT NULL DEFAULT now(),
                -- A redelivered message never becomes a second row.
                CONSTRAINT messages_channel_message_key UNIQUE (channel, channel_message_id)
            );
            CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at);

            CREATE TABLE tickets (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                source_channel text NOT NULL CHECK (source_channel IN ('email', 'whatsapp', 'web_form')),
                -- The inbound message that opened the ticket: one ticket per message, ever.
                source_message_id uuid UNIQUE REFERENCES messages (id) ON DELETE SET NULL,
                subject text,
                category text NOT NULL DEFAULT 'general'
                    CHECK (category IN ('general', 'technical', 'billing', 'bug_report', 'feedback')),
                priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
                status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'processing', 'resolved', 'escalated')),
                resolution_notes text,
                resolved_by text,
                resolved_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT tickets_resolution_consistent
                    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
            );
            CREATE INDEX tickets_status_created_idx ON tickets (status, created_at DESC);
            CREATE INDEX tickets_customer_idx ON tickets (customer_id, created_at DESC);
            CREATE INDEX tickets_conversation_idx ON tickets (conversation_id);

            CREATE TABLE escalations (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
                conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                reason text NOT NULL CHECK (reason <> ''),
                summary text,
                context jsonb NOT NULL DEFAULT '{}',
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'assigned', 'resolved')),
                created_by text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                resolved_at timestamptz
            );
            CREATE INDEX escalations_ticket_idx ON escalations (ticket_id);
            CREATE INDEX escalations_pending_idx ON escalations (created_at) WHERE status <> 'resolved';

            CREATE TABLE channel_configs (
                channel text PRIMARY KEY CHECK (channel IN ('email', 'whatsapp', 'web_form')),
                enabled boolean NOT NULL DEFAULT true,
                config jsonb NOT NULL DEFAULT '{}',
                response_style text NOT NULL,
                max_response_length integer NOT NULL CHECK (max_response_length > 0),
                length_unit text NOT NULL CHECK (length_unit IN ('words', 'characters')),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            INSERT INTO channel_configs (channel, response_style, max_response_length, length_unit) VALUES
                ('email', 'formal', 500, 'words'),
                ('whatsapp', 'conversational', 300, 'characters'),
                ('web_form', 'semi-formal', 300, 'words');

            CREATE TABLE agent_metrics (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                metric_name text NOT NULL,
                metric_value double precision NOT NULL,
                channel text CHECK (channel IN ('email', 'whatsapp', 'web_form')),
                dimensions jsonb NOT NULL DEFAULT '{}',
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX agent_metrics_name_time_idx ON agent_metrics (metric_name, recorded_at);
            """)

    /// Who changed a ticket, when, and why: the audit trail `fte ticket show` prints.
    static let ticketEvents = Migration(
        version: 2, name: "ticket_events",
        sql: """
            CREATE TABLE ticket_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
                kind text NOT NULL CHECK (kind IN ('created', 'status_changed', 'escalated', 'resolved', 'note')),
                from_status text,
                to_status text,
                actor text NOT NULL,
                note text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, created_at);
            """)
}
