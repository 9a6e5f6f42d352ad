import Foundation

/// Stores the reply to an inbound message together with its outbox entry, once: a second reply
/// to the same message (a redelivered event, a worker restarted mid-way) is refused by the
/// database and changes nothing. The ticket is resolved, or escalated with an escalation
/// record (``TicketLifecycle``), by the same statement: one round trip, atomic without a
/// transaction block.
public struct ReplyRecorder: Sendable {
    let database: Database
    /// How replies are stored and queued.
    public let outbox: Outbox

    public init(database: Database, outbox: Outbox = .queueingEverything) {
        self.database = database
        self.outbox = outbox
    }

    /// Stores `reply` to `inbound` and queues it for delivery to `recipient`.
    /// - Returns: `false` when the message already had a reply (nothing was stored).
    @discardableResult
    public func record(
        _ reply: ReplyRecord, to inbound: InboundRecord, channel: Channel, recipient: String, payload: OutboxPayload
    ) async throws -> Bool {
        // Every data-modifying step below reads `reply`, so when the message already had a
        // reply (the insert did nothing) the statement changes nothing at all.
        let ticket = TicketLifecycle.Target.ticket(inbound.ticketID, conversation: inbound.conversationID)
        let statement: SQLQuery = """
            WITH reply AS (\(fragment: Self.inserting(
                reply, conversation: inbound.conversationID, channel: channel, ticket: inbound.ticketID,
                status: outbox.initialStatus(on: channel), answering: inbound.messageID))
            )\(fragment: outbox.queueing(from: "reply", channel: channel, recipient: recipient, payload: payload))\(
                fragment: Self.ticketChange(for: reply, inbound: inbound, ticket: ticket))
            SELECT id FROM reply
            """
        let rows = try await database.query(statement)
        return !rows.isEmpty
    }

    /// The `INSERT` of an outbound message (`RETURNING id`): a reply to message `answering`
    /// (refused without error when that message has one already), or with `answering` nil a
    /// human's message on the ticket. A human's reply has no latency: nobody timed the person.
    static func inserting(
        _ reply: ReplyRecord, conversation: UUID, channel: Channel, ticket: UUID, status: String, answering: UUID?,
        metadata: [String: String] = [:]
    ) -> SQLQuery {
        let latency = reply.author == .human ? nil : Int(reply.latency.wholeMilliseconds)
        return """
            INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status,
                                  reply_to_message_id, ticket_id, latency_ms, model_latency_ms, model_call_ms,
                                  tokens_used, tool_calls, sources, answered_by, model, metadata)
            VALUES (\(conversation), \(channel.rawValue), 'outbound',
                    \(reply.author == .human ? "human" : "agent"), \(reply.content), \(status),
                    \(answering), \(ticket), \(latency),
                    \(reply.modelLatency.map { Int($0.wholeMilliseconds) }),
                    \(reply.modelCalls.isEmpty ? nil : reply.modelCalls.map { Int($0.wholeMilliseconds) })::integer[], \(reply.tokens),
                    \(reply.toolCalls)::jsonb, \(reply.sources)::jsonb, \(reply.author.rawValue), \(reply.model),
                    \(PostgresJSON(metadata)))
            ON CONFLICT ON CONSTRAINT messages_reply_to_key DO NOTHING
            RETURNING id
            """
    }

    /// What an answer does to its ticket: escalates it with the reply's escalation, else
    /// resolves it when still open.
    private static func ticketChange(for reply: ReplyRecord, inbound: InboundRecord, ticket: TicketLifecycle.Target) -> SQLQuery {
        guard let escalation = reply.escalation else {
            let note = reply.author == .builtin ? "answered by the built-in responder" : "answered by the AI agent"
            return TicketLifecycle.resolvingAnswered(ticket, note: note, guardedBy: "reply")
        }
        return TicketLifecycle.escalating(
            ticket,
            .init(reason: escalation.reason.rawValue, summary: escalation.summary,
                  context: ["message_id": inbound.messageID.lowercasedString], actor: "agent", note: escalation.reason.rawValue),
            guardedBy: "reply")
    }
}
