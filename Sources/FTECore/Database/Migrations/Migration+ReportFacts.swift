extension Migration {
    /// What the 7-day report at 100,000 tickets still computed per run (docs/report.md, "Speed"),
    /// kept at write time, and migration 31's review leftovers:
    /// - `messages.channel_previous_at`: when the conversation's previous message on the same
    ///   channel was written (order: time, then id; NULL for the first). A conversation has a
    ///   message on a channel in a period exactly when one of the period's messages there has
    ///   its previous one before the period, so the per-channel conversation count is a
    ///   filtered count instead of a distinct count over every message. Kept by statement
    ///   triggers (`refresh_channel_previous` recomputes the written pairs) and backfilled.
    /// - `question_texts`: each question's cleaned text (``QuestionText/version`` of the
    ///   cleaner), written by the worker as it records a question and by reports for the
    ///   questions they clean, so a report does not clean thousands of texts each run.
    /// - `messages_unsourced_search_idx`: the agent's replies that searched and cited nothing.
    /// - `refresh_ticket_facts` locks the tickets whose facts change in id order first. An
    ///   inbound message still sets `next_inbound_at` with migration 31's own UPDATE (a new
    ///   message can only make it earlier): refreshing the customer's tickets whole cost 0.8 ms
    ///   more per inbound message, and the stripe lock below keeps two writers of one customer
    ///   from updating them in different orders.
    /// - Writers of one customer's inbound messages take turns (`lock_inbound_customers`: a
    ///   transaction-scoped advisory lock on the customer's stripe, one of 128, taken as each
    ///   inbound message is written, before its previous time is read or any ticket locked):
    ///   two transactions that each write several of a customer's messages cannot each hold
    ///   tickets the other waits for, and `channel_previous_at` is read after the other writer
    ///   committed. A new message's previous time is set as it is written (a BEFORE trigger: no
    ///   second version of the row); only pairs written out of order are recomputed.
    static let reportFacts = Migration(
        version: 32, name: "report_facts",
        sql: """
            ALTER TABLE messages ADD COLUMN channel_previous_at timestamptz;

            -- Recomputes channel_previous_at of every message of the given (conversation, channel) pairs.
            CREATE FUNCTION refresh_channel_previous(conversation_ids uuid[], channels text[]) RETURNS void
            LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(cardinality(conversation_ids), 0) = 0 THEN
                    RETURN;
                END IF;
                UPDATE messages m SET channel_previous_at = p.previous
                FROM (
                    SELECT x.id, lag(x.created_at) OVER (PARTITION BY x.conversation_id, x.channel ORDER BY x.created_at, x.id) AS previous
                    FROM (SELECT DISTINCT * FROM unnest(conversation_ids, channels) AS k(conversation_id, channel)) k
                    JOIN messages x ON x.conversation_id = k.conversation_id AND x.channel = k.channel
                ) p
                WHERE m.id = p.id AND m.channel_previous_at IS DISTINCT FROM p.previous;
            END $$;

            -- Writers of one customer's inbound messages take turns: a transaction-scoped advisory
            -- lock on the customer's stripe (one of 128, by a hash of the customer's id; a bulk
            -- statement over thousands of customers takes at most 128 locks), taken before the
            -- message's previous time is read and before any ticket row, so two transactions that
            -- each write several of a customer's messages (each statement refreshing a different
            -- set of the customer's tickets) queue instead of deadlocking. Replies do not take it:
            -- a reply's writer may already hold its ticket, and a reply refreshes only its own ticket.
            CREATE FUNCTION lock_inbound_customers(conversation_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                stripe integer;
            BEGIN
                FOR stripe IN
                    SELECT DISTINCT abs(hashtext(c.customer_id::text) % 128)
                    FROM conversations c WHERE c.id = ANY (conversation_ids)
                    ORDER BY 1
                LOOP
                    -- 0x66746563 is "ftec": fte's customer stripes among other advisory locks.
                    PERFORM pg_advisory_xact_lock(1718904163, stripe);
                END LOOP;
            END $$;

            -- A new message's previous one on its channel, set as it is written (no second version
            -- of the row): an inbound message first takes its customer's stripe, so the writer
            -- before it on that customer has committed and is seen.
            CREATE FUNCTION channel_previous_set() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.direction = 'inbound' THEN
                    PERFORM lock_inbound_customers(ARRAY[NEW.conversation_id]);
                END IF;
                NEW.channel_previous_at := (
                    SELECT m.created_at FROM messages m
                    WHERE m.conversation_id = NEW.conversation_id AND m.channel = NEW.channel
                      AND (m.created_at, m.id) < (NEW.created_at, NEW.id)
                    ORDER BY m.created_at DESC, m.id DESC LIMIT 1);
                RETURN NEW;
            END $$;

            -- Messages written before others of their pair (out of time order, or several of a pair
            -- in one statement), moved or deleted: their pairs recomputed.
            CREATE FUNCTION channel_previous_messages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM refresh_channel_previous(array_agg(n.conversation_id), array_agg(n.channel))
                    FROM new_rows n
                    WHERE EXISTS (SELECT 1 FROM messages m
                                  WHERE m.conversation_id = n.conversation_id AND m.channel = n.channel
                                    AND (m.created_at, m.id) > (n.created_at, n.id));
                ELSIF TG_OP = 'UPDATE' THEN
                    IF 'inbound' IN (OLD.direction, NEW.direction) THEN
                        PERFORM lock_inbound_customers(ARRAY[OLD.conversation_id, NEW.conversation_id]);
                    END IF;
                    PERFORM refresh_channel_previous(ARRAY[OLD.conversation_id, NEW.conversation_id], ARRAY[OLD.channel, NEW.channel]);
                ELSE
                    PERFORM lock_inbound_customers(ARRAY(SELECT conversation_id FROM old_rows WHERE direction = 'inbound'));
                    PERFORM refresh_channel_previous(array_agg(conversation_id), array_agg(channel)) FROM old_rows;
                END IF;
                RETURN NULL;
            END $$;

            -- The backfill changes no ticket fact: the facts' update trigger would only compare 388,000 rows.
            ALTER TABLE messages DISABLE TRIGGER ticket_facts_messages_updated;
            UPDATE messages m SET channel_previous_at = p.previous
            FROM (SELECT id, lag(created_at) OVER (PARTITION BY conversation_id, channel ORDER BY created_at, id) AS previous
                  FROM messages) p
            WHERE m.id = p.id AND p.previous IS NOT NULL;
            ALTER TABLE messages ENABLE TRIGGER ticket_facts_messages_updated;

            CREATE TRIGGER channel_previous_set BEFORE INSERT ON messages
                FOR EACH ROW EXECUTE FUNCTION channel_previous_set();
            CREATE TRIGGER channel_previous_messages_inserted AFTER INSERT ON messages
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION channel_previous_messages_changed();
            -- Per row, and only for a changed pair or time: the worker's status and sentiment updates
            -- do not fire it.
            CREATE TRIGGER channel_previous_messages_updated AFTER UPDATE OF conversation_id, channel, created_at, direction ON messages
                FOR EACH ROW
                WHEN ((OLD.conversation_id, OLD.channel, OLD.created_at, OLD.direction)
                      IS DISTINCT FROM (NEW.conversation_id, NEW.channel, NEW.created_at, NEW.direction))
                EXECUTE FUNCTION channel_previous_messages_changed();
            CREATE TRIGGER channel_previous_messages_deleted AFTER DELETE ON messages
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION channel_previous_messages_changed();

            CREATE TABLE question_texts (
                message_id uuid PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
                cleaner integer NOT NULL,
                text text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );

            -- The agent's replies that searched the knowledge base and cited nothing (one of the two
            -- ways a question is a knowledge gap, KnowledgeGapFinder): a few per cent of the replies,
            -- found without reading every message of the period.
            CREATE INDEX messages_unsourced_search_idx ON messages (created_at)
                WHERE direction = 'outbound' AND answered_by IN ('model', 'builtin') AND sources = '[]'::jsonb
                  AND tool_calls @> '[{"name": "search_knowledge_base"}]'::jsonb;

            -- Each ticket's facts computed from its rows (as migration 31's refresh_ticket_facts did):
            -- a SQL function in FROM, inlined into the statements below (their plans stay cached).
            CREATE FUNCTION ticket_facts(ticket_ids uuid[]) RETURNS TABLE (
                id uuid, agent_reply_at timestamptz, human_replied boolean, first_delivered timestamptz,
                agent_delivered timestamptz, human_delivered timestamptz, first_escalated timestamptz, next_inbound timestamptz
            ) LANGUAGE sql STABLE AS $$
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
            $$;

            -- Several tickets (an inbound message's customer's answered tickets) are locked in id order
            -- first, only those whose facts change: writers refreshing overlapping tickets queue in one
            -- order instead of each holding what the other waits for. The update then reads the rows
            -- as they are after any wait.
            CREATE OR REPLACE FUNCTION refresh_ticket_facts(ticket_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(cardinality(ticket_ids), 0) = 0 THEN
                    RETURN;
                END IF;
                IF cardinality(ticket_ids) > 1 THEN
                    SELECT coalesce(array_agg(t.id ORDER BY t.id), '{}') INTO ticket_ids
                    FROM tickets t JOIN ticket_facts(ticket_ids) f ON f.id = t.id
                    WHERE (t.agent_reply_at, t.human_replied, t.first_reply_delivered_at, t.agent_reply_delivered_at,
                           t.human_reply_delivered_at, t.first_escalated_at, t.next_inbound_at)
                          IS DISTINCT FROM (f.agent_reply_at, f.human_replied, f.first_delivered, f.agent_delivered,
                                            f.human_delivered, f.first_escalated, f.next_inbound);
                    PERFORM 1 FROM tickets WHERE id = ANY (ticket_ids) ORDER BY id FOR NO KEY UPDATE;
                END IF;
                UPDATE tickets t
                SET agent_reply_at = f.agent_reply_at, human_replied = f.human_replied,
                    first_reply_delivered_at = f.first_delivered, agent_reply_delivered_at = f.agent_delivered,
                    human_reply_delivered_at = f.human_delivered, first_escalated_at = f.first_escalated,
                    next_inbound_at = f.next_inbound
                FROM ticket_facts(ticket_ids) f
                WHERE t.id = f.id
                  AND (t.agent_reply_at, t.human_replied, t.first_reply_delivered_at, t.agent_reply_delivered_at,
                       t.human_reply_delivered_at, t.first_escalated_at, t.next_inbound_at)
                      IS DISTINCT FROM (f.agent_reply_at, f.human_replied, f.first_delivered, f.agent_delivered,
                                        f.human_delivered, f.first_escalated, f.next_inbound);
            END $$;
            """)
}
