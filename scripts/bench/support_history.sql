-- Fills a migrated fte database with support history for the benchmarks (psql variables):
--   :tickets   tickets to create, spread evenly over the last :span_hours hours
--   :customers customers they belong to (each writes about tickets/customers times)
--   :human     per cent of tickets escalated and then answered and resolved by a person
-- Questions and answers come from the table bench_questions (scripts/bench/support_questions.py),
-- used in turn. The rest of the tickets: 70 % answered by the agent (8 in 10 by the model with
-- two calls), 20 % escalated and waiting (6 % of all as no_relevant_knowledge: knowledge gaps),
-- the remainder open. Every reply was delivered 1.5 s after it was written; 10 % of inbound
-- messages have no sentiment.
\set ON_ERROR_STOP 1
BEGIN;
INSERT INTO customers (id, name, created_at)
SELECT md5('c' || g)::uuid, 'Customer ' || g, now() - interval '120 days' + (g::float8 / :customers) * interval '118 days'
FROM generate_series(1, :customers) g;

CREATE TEMP TABLE plan ON COMMIT DROP AS
SELECT t, now() - make_interval(secs => :span_hours * 3600) + make_interval(secs => (t - 1)::float8 / :tickets * :span_hours * 3600) AS at,
       (ARRAY['email', 'whatsapp', 'web_form'])[1 + t % 3] AS channel,
       md5('c' || (1 + (t::bigint * 48271) % :customers))::uuid AS customer,
       CASE WHEN (t * 7) % 100 < :human THEN 'human'
            WHEN (t * 7) % 100 < :human + 70 THEN 'agent'
            WHEN (t * 7) % 100 < :human + 76 THEN 'gap'
            WHEN (t * 7) % 100 < :human + 90 THEN 'escalated'
            ELSE 'open' END AS outcome,
       (ARRAY['pricing_inquiry', 'refund_request', 'human_requested', 'negative_sentiment'])[1 + t % 4] AS reason,
       1 + (t - 1) % (SELECT count(*) FROM bench_questions) AS question
FROM generate_series(1, :tickets) t;

INSERT INTO conversations (id, customer_id, initial_channel, last_channel, status, started_at, last_message_at)
SELECT md5('v' || t)::uuid, customer, channel, channel,
       CASE outcome WHEN 'human' THEN 'resolved' WHEN 'gap' THEN 'escalated' WHEN 'escalated' THEN 'escalated' ELSE 'active' END, at, at
FROM plan;

INSERT INTO tickets (id, customer_id, conversation_id, source_channel, category, status, resolved_by, resolved_at, created_at, updated_at)
SELECT md5('t' || t)::uuid, customer, md5('v' || t)::uuid, channel, (ARRAY['general', 'technical', 'billing'])[1 + t % 3],
       CASE outcome WHEN 'agent' THEN 'resolved' WHEN 'human' THEN 'resolved' WHEN 'open' THEN 'processing' ELSE 'escalated' END,
       CASE outcome WHEN 'agent' THEN 'agent' WHEN 'human' THEN 'ana' END,
       CASE outcome WHEN 'agent' THEN at + interval '3 s' WHEN 'human' THEN at + interval '2 hours' END, at, at
FROM plan;

INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, channel_message_id, delivery_status,
                      sentiment, metadata, created_at)
SELECT md5('m' || t)::uuid, md5('v' || t)::uuid, md5('t' || t)::uuid, channel, 'inbound', 'customer', q.question, 'bench-' || t,
       'received', CASE WHEN t % 10 = 0 THEN NULL ELSE ((t * 37) % 100) / 100.0 END,
       jsonb_build_object('subject', CASE WHEN channel = 'email' THEN 'Question' END), at
FROM plan JOIN bench_questions q ON q.id = plan.question;

UPDATE tickets k SET source_message_id = md5('m' || p.t)::uuid FROM plan p WHERE k.id = md5('t' || p.t)::uuid;

-- Statistics first: the ticket-facts triggers (migration 31) plan their refresh of 200,000 tickets
-- with them (without, the replies took over 10 minutes instead of about one).
ANALYZE customers, conversations, tickets, messages, escalations, outbox;
-- The agent's replies (answers, or notices for escalations).
INSERT INTO messages (id, conversation_id, ticket_id, reply_to_message_id, channel, direction, role, content, delivery_status,
                      answered_by, model, tokens_used, model_latency_ms, model_call_ms, sources, tool_calls, created_at)
SELECT md5('r' || t)::uuid, md5('v' || t)::uuid, md5('t' || t)::uuid, md5('m' || t)::uuid, channel, 'outbound', 'agent',
       CASE WHEN outcome = 'agent' THEN 'Here is what our help centre says.' ELSE 'A colleague will reply within one business day.' END,
       'sent', CASE WHEN t % 10 < 8 THEN 'model' ELSE 'builtin' END, CASE WHEN t % 10 < 8 THEN 'gemini-3.5-flash' END,
       CASE WHEN t % 10 < 8 THEN 800 + t % 700 END, CASE WHEN t % 10 < 8 THEN 900 + t % 2000 END,
       CASE WHEN t % 10 < 8 THEN ARRAY[400 + t % 900, 500 + t % 1100] END,
       CASE WHEN outcome = 'agent' THEN '[{"source": "guide.md", "heading_path": "Guide", "chunk_id": 1}]' ELSE '[]' END::jsonb,
       CASE WHEN outcome = 'gap' THEN '[{"name": "search_knowledge_base", "arguments": "{}", "result": "No relevant passages found."}]'
            ELSE '[]' END::jsonb,
       at + interval '3 s'
FROM plan WHERE outcome <> 'open';

INSERT INTO escalations (ticket_id, conversation_id, reason, created_by, status, created_at, resolved_at)
SELECT md5('t' || t)::uuid, md5('v' || t)::uuid,
       CASE outcome WHEN 'gap' THEN 'no_relevant_knowledge' WHEN 'human' THEN 'no_relevant_knowledge' ELSE reason END, 'agent',
       CASE WHEN outcome = 'human' THEN 'resolved' ELSE 'pending' END, at + interval '3 s',
       CASE WHEN outcome = 'human' THEN at + interval '2 hours' END
FROM plan WHERE outcome IN ('gap', 'escalated', 'human');

-- A person's answers.
INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by, metadata, created_at)
SELECT md5('h' || t)::uuid, md5('v' || t)::uuid, md5('t' || t)::uuid, channel, 'outbound', 'human', q.answer, 'sent', 'human',
       '{"actor": "ana"}', at + interval '2 hours'
FROM plan JOIN bench_questions q ON q.id = plan.question WHERE outcome = 'human';

INSERT INTO outbox (message_id, channel, recipient, payload, status, attempts, sent_at, created_at)
SELECT id, channel, 'customer@example.com', '{}', 'sent', 1, created_at + interval '1.5 s', created_at
FROM messages WHERE direction = 'outbound';
COMMIT;
ANALYZE;
