extension Migration {
    /// Per-ticket facts `fte report` reads instead of joining every reply, outbox entry and
    /// escalation of the period (docs/report.md defines each; docs/database.md lists them): when
    /// the ticket's opening message arrived, the agent's first reply, whether a person replied, the first reply delivered (by anyone, by
    /// the agent, by a person), the first escalation, and the customer's next inbound message
    /// after the agent's first reply. Kept by statement triggers on messages, outbox and
    /// escalations, so every writer (the worker, `fte ticket reply`, status callbacks, SQL)
    /// keeps them right; `refresh_ticket_facts` recomputes a set of tickets' facts from their
    /// rows, and backfills every ticket here.
    static let ticketFacts = Migration(
        version: 31, name: "ticket_facts",
        sql: """
            ALTER TABLE tickets
                ADD COLUMN opened_at timestamptz,
                ADD COLUMN agent_reply_at timestamptz,
                ADD COLUMN human_replied boolean NOT NULL DEFAULT false,
                ADD COLUMN first_reply_delivered_at timestamptz,
                ADD COLUMN agent_reply_delivered_at timestamptz,
                ADD COLUMN human_reply_delivered_at timestamptz,
                ADD COLUMN first_escalated_at timestamptz,
                ADD COLUMN next_inbound_at timestamptz;

            -- A ticket opens when its opening message arrived (else when it was created).
            CREATE FUNCTION ticket_facts_opened() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.opened_at := coalesce((SELECT m.created_at FROM messages m WHERE m.id = NEW.source_message_id), NEW.created_at);
                RETURN NEW;
            END $$;
            CREATE TRIGGER ticket_facts_opened BEFORE INSERT OR UPDATE OF source_message_id, created_at ON tickets
                FOR EACH ROW EXECUTE FUNCTION ticket_facts_opened();
            UPDATE tickets t SET opened_at = coalesce(s.created_at, t.created_at)
            FROM tickets k LEFT JOIN messages s ON s.id = k.source_message_id
            WHERE k.id = t.id;
            ALTER TABLE tickets ALTER COLUMN opened_at SET NOT NULL;

            -- A reply is delivered when its provider accepted it (the outbox's sent_at); a web form
            -- reply without e-mail (no outbox entry) when it was stored as sent.
            CREATE FUNCTION refresh_ticket_facts(ticket_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF cardinality(ticket_ids) = 0 THEN
                    RETURN;
                END IF;
                UPDATE tickets t
                SET agent_reply_at = f.agent_reply_at, human_replied = f.human_replied,
                    first_reply_delivered_at = f.first_delivered, agent_reply_delivered_at = f.agent_delivered,
                    human_reply_delivered_at = f.human_delivered, first_escalated_at = f.first_escalated,
                    next_inbound_at = f.next_inbound
                FROM (
                    SELECT k.id, r.agent_reply_at, coalesce(r.human_replied, false) AS human_replied,
                           r.first_delivered, r.agent_delivered, r.human_delivered,
                           (SELECT min(e.created_at) FROM escalations e WHERE e.ticket_id = k.id) AS first_escalated,
                           (SELECT min(i.created_at)
                            FROM conversations v JOIN messages i ON i.conversation_id = v.id
                            WHERE v.customer_id = k.customer_id AND i.direction = 'inbound'
                              AND i.created_at > r.agent_reply_at) AS next_inbound
                    FROM tickets k
                    LEFT JOIN LATERAL (
                        SELECT min(m.created_at) FILTER (WHERE m.answered_by IN ('model', 'builtin')) AS agent_reply_at,
                               bool_or(m.answered_by = 'human') AS human_replied,
                               min(d.at) AS first_delivered,
                               min(d.at) FILTER (WHERE m.answered_by IN ('model', 'builtin')) AS agent_delivered,
                               min(d.at) FILTER (WHERE m.answered_by = 'human') AS human_delivered
                        FROM messages m
                        LEFT JOIN outbox o ON o.message_id = m.id
                        CROSS JOIN LATERAL (SELECT coalesce(o.sent_at, CASE WHEN o.id IS NULL
                            AND m.delivery_status IN ('sent', 'delivered', 'read') THEN m.created_at END) AS at) d
                        WHERE m.ticket_id = k.id AND m.direction = 'outbound'
                    ) r ON true
                    WHERE k.id = ANY (ticket_ids)
                ) f
                WHERE t.id = f.id
                  AND (t.agent_reply_at, t.human_replied, t.first_reply_delivered_at, t.agent_reply_delivered_at,
                       t.human_reply_delivered_at, t.first_escalated_at, t.next_inbound_at)
                      IS DISTINCT FROM (f.agent_reply_at, f.human_replied, f.first_delivered, f.agent_delivered,
                                        f.human_delivered, f.first_escalated, f.next_inbound);
            END $$;

            -- Replies refresh their tickets; an inbound message is the next one after the agent's
            -- first reply of its customer's tickets answered before it. Changed or deleted inbound
            -- messages refresh all their customer's answered tickets.
            CREATE FUNCTION ticket_facts_messages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT DISTINCT ticket_id FROM new_rows WHERE direction = 'outbound' AND ticket_id IS NOT NULL));
                    UPDATE tickets t SET next_inbound_at = n.at
                    FROM (SELECT k.id, min(i.created_at) AS at
                          FROM new_rows i
                          JOIN conversations v ON v.id = i.conversation_id
                          JOIN tickets k ON k.customer_id = v.customer_id AND k.agent_reply_at < i.created_at
                          WHERE i.direction = 'inbound'
                          GROUP BY k.id) n
                    WHERE t.id = n.id AND (t.next_inbound_at IS NULL OR t.next_inbound_at > n.at);
                ELSIF TG_OP = 'UPDATE' THEN
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT unnest(ARRAY[o.ticket_id, n.ticket_id])
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                        WHERE 'outbound' IN (o.direction, n.direction)
                          AND (o.ticket_id, o.direction, o.answered_by, o.delivery_status, o.created_at)
                              IS DISTINCT FROM (n.ticket_id, n.direction, n.answered_by, n.delivery_status, n.created_at)
                        UNION
                        SELECT k.id
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                        JOIN conversations v ON v.id IN (o.conversation_id, n.conversation_id)
                        JOIN tickets k ON k.customer_id = v.customer_id AND k.agent_reply_at IS NOT NULL
                        WHERE 'inbound' IN (o.direction, n.direction)
                          AND (o.direction, o.conversation_id, o.created_at)
                              IS DISTINCT FROM (n.direction, n.conversation_id, n.created_at)));
                ELSE
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT ticket_id FROM old_rows WHERE direction = 'outbound' AND ticket_id IS NOT NULL
                        UNION
                        SELECT k.id
                        FROM old_rows o
                        JOIN conversations v ON v.id = o.conversation_id
                        JOIN tickets k ON k.customer_id = v.customer_id AND k.agent_reply_at IS NOT NULL
                        WHERE o.direction = 'inbound'));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER ticket_facts_messages_inserted AFTER INSERT ON messages
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_messages_changed();
            CREATE TRIGGER ticket_facts_messages_updated AFTER UPDATE ON messages
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
                EXECUTE FUNCTION ticket_facts_messages_changed();
            CREATE TRIGGER ticket_facts_messages_deleted AFTER DELETE ON messages
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_messages_changed();

            -- An outbox entry's sent_at is when its reply was delivered.
            CREATE FUNCTION ticket_facts_outbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT DISTINCT m.ticket_id FROM new_rows x JOIN messages m ON m.id = x.message_id
                        WHERE m.ticket_id IS NOT NULL));
                ELSIF TG_OP = 'UPDATE' THEN
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT DISTINCT m.ticket_id
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                        JOIN messages m ON m.id IN (o.message_id, n.message_id)
                        WHERE m.ticket_id IS NOT NULL
                          AND (o.message_id, o.sent_at) IS DISTINCT FROM (n.message_id, n.sent_at)));
                ELSE
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT DISTINCT m.ticket_id FROM old_rows x JOIN messages m ON m.id = x.message_id
                        WHERE m.ticket_id IS NOT NULL));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER ticket_facts_outbox_inserted AFTER INSERT ON outbox
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_outbox_changed();
            CREATE TRIGGER ticket_facts_outbox_updated AFTER UPDATE ON outbox
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
                EXECUTE FUNCTION ticket_facts_outbox_changed();
            CREATE TRIGGER ticket_facts_outbox_deleted AFTER DELETE ON outbox
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_outbox_changed();

            CREATE FUNCTION ticket_facts_escalations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM refresh_ticket_facts(ARRAY(SELECT DISTINCT ticket_id FROM new_rows));
                ELSIF TG_OP = 'UPDATE' THEN
                    PERFORM refresh_ticket_facts(ARRAY(
                        SELECT unnest(ARRAY[o.ticket_id, n.ticket_id])
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                        WHERE (o.ticket_id, o.created_at) IS DISTINCT FROM (n.ticket_id, n.created_at)));
                ELSE
                    PERFORM refresh_ticket_facts(ARRAY(SELECT DISTINCT ticket_id FROM old_rows));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER ticket_facts_escalations_inserted AFTER INSERT ON escalations
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_escalations_changed();
            CREATE TRIGGER ticket_facts_escalations_updated AFTER UPDATE ON escalations
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
                EXECUTE FUNCTION ticket_facts_escalations_changed();
            CREATE TRIGGER ticket_facts_escalations_deleted AFTER DELETE ON escalations
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_facts_escalations_changed();

            SELECT refresh_ticket_facts(ARRAY(SELECT id FROM tickets));
            """)
}
