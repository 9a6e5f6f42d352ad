import Foundation

/// A reply the agent (or a human) wrote for one inbound message, with its trace.
public struct ReplyRecord: Sendable {
    /// Who wrote it: `model`, `builtin` (the built-in responder) or `human`.
    public enum Author: String, Sendable, Codable {
        case model, builtin, human
    }

    /// The reply as stored and shown (WhatsApp parts joined).
    public var content: String
    public var author: Author
    public var model: String?
    public var tokens: Int?
    public var latency: Duration
    /// The part of ``latency`` spent waiting for the model; `nil` when it was not asked.
    public var modelLatency: Duration?
    /// Each model call's duration (stored as `model_call_ms`); empty when the model was not asked.
    public var modelCalls: [Duration]
    /// The tools called, as a JSON array (`[{name, arguments, result}]`).
    public var toolCalls: String
    /// The knowledge-base passages used, as a JSON array (`[{source, heading_path, chunk_id}]`).
    public var sources: String
    public var escalation: Escalation?

    public init(
        content: String, author: Author, model: String? = nil, tokens: Int? = nil, latency: Duration = .zero,
        modelLatency: Duration? = nil, modelCalls: [Duration] = [],
        toolCalls: String = "[]", sources: String = "[]", escalation: Escalation? = nil
    ) {
        self.modelCalls = modelCalls
        self.content = content
        self.author = author
        self.model = model
        self.tokens = tokens
        self.latency = latency
        self.modelLatency = modelLatency
        self.toolCalls = toolCalls
        self.sources = sources
        self.escalation = escalation
    }
}

/// Stores the reply to an inbound message together with its outbox entry, once: a second reply
/// to the same message (a redelivered event, a worker restarted mid-way) is refused by the
/// database and changes nothing. The ticket is resolved, or escalated with an escalation
/// record, by the same statement: one round trip, atomic without a transaction block.
///
/// A reply on a channel in ``deliveredOnStore`` is delivered by being stored and gets no outbox
/// entry: the web form's status page reads replies from the database, so unless they are also
/// e-mailed there is nothing to send.
public struct ReplyRecorder: Sendable {
    let database: Database
    /// Channels whose replies are delivered once stored (`delivery_status` `delivered`, no outbox).
    public let deliveredOnStore: Set<Channel>

    public init(database: Database, deliveredOnStore: Set<Channel> = []) {
        self.database = database
        self.deliveredOnStore = deliveredOnStore
    }

    /// Stores `reply` to `inbound` and queues it for delivery to `recipient`.
    /// - Returns: `false` when the message already had a reply (nothing was stored).
    @discardableResult
    public func record(
        _ reply: ReplyRecord, to inbound: InboundRecord, channel: Channel, recipient: String, payload: OutboxPayload
    ) async throws -> Bool {
        // Every data-modifying step below reads `reply`, so when the message already had a
        // reply (the insert did nothing) the statement changes nothing at all.
        let delivered = deliveredOnStore.contains(channel)
        let statement: SQLQuery = """
            WITH reply AS (
                INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status,
                                      reply_to_message_id, ticket_id, latency_ms, model_latency_ms, model_call_ms,
                                      tokens_used, tool_calls, sources, answered_by, model)
                VALUES (\(inbound.conversationID), \(channel.rawValue), 'outbound',
                        \(reply.author == .human ? "human" : "agent"), \(reply.content), \(delivered ? "delivered" : "pending"),
                        \(inbound.messageID), \(inbound.ticketID), \(Int(reply.latency.wholeMilliseconds)),
                        \(reply.modelLatency.map { Int($0.wholeMilliseconds) }),
                        \(reply.modelCalls.isEmpty ? nil : reply.modelCalls.map { Int($0.wholeMilliseconds) })::integer[], \(reply.tokens),
                        \(reply.toolCalls)::jsonb, \(reply.sources)::jsonb, \(reply.author.rawValue), \(reply.model))
                ON CONFLICT ON CONSTRAINT messages_reply_to_key DO NOTHING
                RETURNING id
            )\(fragment: delivered ? "" : Self.queueing(from: "reply", channel: channel, recipient: recipient, payload: payload))\(
                fragment: reply.escalation.map { escalating(inbound, $0) } ?? resolving(inbound, by: reply.author))
            SELECT id FROM reply
            """
        let rows = try await database.query(statement)
        return !rows.isEmpty
    }

    /// The statement step (`, queued AS (…)`) that queues the message the step `source` inserted
    /// (its `id`) for delivery; the ``OutboxDispatcher`` is woken by the insert.
    static func queueing(from source: SQLQuery, channel: Channel, recipient: String, payload: OutboxPayload) -> SQLQuery {
        """
        , queued AS (
            INSERT INTO outbox (message_id, channel, recipient, payload)
            SELECT id, \(channel.rawValue), \(recipient), \(PostgresJSON(payload)) FROM \(fragment: source)
        )
        """
    }

    /// The statement's steps that record the escalation and mark the ticket and conversation
    /// escalated. (All steps see the tickets as they were before the statement.)
    private func escalating(_ inbound: InboundRecord, _ escalation: Escalation) -> SQLQuery {
        """
        , escalation AS (
            INSERT INTO escalations (ticket_id, conversation_id, reason, summary, context, created_by)
            SELECT \(inbound.ticketID), \(inbound.conversationID), \(escalation.reason.rawValue), \(escalation.summary),
                   \(PostgresJSON(["message_id": inbound.messageID.lowercasedString])), 'agent'
            FROM reply
        ), event AS (
            INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
            SELECT t.id, 'escalated', t.status, 'escalated', 'agent', \(escalation.reason.rawValue) FROM tickets t, reply
            WHERE t.id = \(inbound.ticketID) AND t.status <> 'escalated'
        ), ticket AS (
            UPDATE tickets SET status = 'escalated', resolved_at = NULL, updated_at = now()
            WHERE id = \(inbound.ticketID) AND EXISTS (SELECT 1 FROM reply)
        ), conversation AS (
            UPDATE conversations SET status = 'escalated'
            WHERE id = \(inbound.conversationID) AND EXISTS (SELECT 1 FROM reply)
        )
        """
    }

    /// The statement's steps that resolve an open ticket.
    private func resolving(_ inbound: InboundRecord, by author: ReplyRecord.Author) -> SQLQuery {
        let note = author == .builtin ? "answered by the built-in responder" : "answered by the AI agent"
        return """
            , event AS (
                INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
                SELECT t.id, 'resolved', t.status, 'resolved', 'agent', \(note) FROM tickets t, reply
                WHERE t.id = \(inbound.ticketID) AND t.status IN ('open', 'processing')
            ), ticket AS (
                UPDATE tickets SET status = 'resolved', resolved_at = now(), resolved_by = 'agent',
                       resolution_notes = \(note), updated_at = now()
                WHERE id = \(inbound.ticketID) AND status IN ('open', 'processing') AND EXISTS (SELECT 1 FROM reply)
            )
            """
    }
}
