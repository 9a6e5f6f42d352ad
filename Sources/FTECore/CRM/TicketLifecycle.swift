import Foundation

/// The one writer of a ticket's status, its escalations and its audit trail (`ticket_events`),
/// and of the status its conversation takes from them. Whoever opens, answers, escalates or
/// resolves a ticket — the intake, the worker's replies, the outbox when a reply cannot be
/// delivered, support leads through ``TicketStore`` — takes the SQL from here.
///
/// A change is a list of statement steps (`, name AS (…)` clauses of a `WITH` statement) that the
/// caller splices into the statement storing what caused it — the message, the reply, the
/// outbox row — so cause and change commit together in one round trip. Steps may be guarded by
/// an earlier step of that statement: they then change nothing when it returned no row (a reply
/// refused as a duplicate escalates nothing). All steps of a statement see the tickets as they
/// were before it.
///
/// ```swift
/// let statement: SQLQuery = """
///     WITH reply AS (INSERT INTO messages … RETURNING id)\(fragment: TicketLifecycle.escalating(
///         .ticket(ticketID, conversation: conversationID), escalation, guardedBy: "reply"))
///     SELECT id FROM reply
///     """
/// ```
package enum TicketLifecycle {
    /// The ticket a change applies to, as SQL expressions of its id and its conversation's id.
    package struct Target: Sendable {
        let ticket: SQLQuery
        let conversation: SQLQuery

        /// A ticket whose id and conversation are known.
        package static func ticket(_ id: UUID, conversation: UUID) -> Target {
            Target(ticket: "\(shared: id)", conversation: "\(shared: conversation)")
        }

        /// The ticket an outbound message belongs to (none when the message names no ticket).
        static func ticket(ofMessage id: UUID) -> Target {
            Target(
                ticket: "(SELECT ticket_id FROM messages WHERE id = \(shared: id))",
                conversation: "(SELECT conversation_id FROM messages WHERE id = \(shared: id))")
        }
    }

    /// An escalation to record: why, for whom, and who hands the ticket over.
    package struct Escalation: Sendable {
        /// The stored code: an ``EscalationReason`` raw value, or `manual`.
        var reason: String
        /// What the person taking over needs to know.
        var summary: String
        /// Where it came from, stored as JSON (`message_id`, `outbox_id`, `source`).
        var context: [String: String]
        /// Who escalates: `agent`, `outbox`, or a support lead's name.
        var actor: String
        /// The audit trail's note.
        var note: String
        /// Whether the conversation is handed over too (it then takes no new messages). A reply
        /// that could not be delivered escalates its ticket only: the customer did nothing new,
        /// and their next message continues the conversation.
        var escalatesConversation: Bool

        package init(
            reason: String, summary: String, context: [String: String], actor: String, note: String,
            escalatesConversation: Bool = true
        ) {
            self.reason = reason
            self.summary = summary
            self.context = context
            self.actor = actor
            self.note = note
            self.escalatesConversation = escalatesConversation
        }
    }

    // MARK: - Opening

    /// The steps that open ticket `id` for the message inserted by step `message` (its `id`):
    /// the ticket, in `processing` (the worker has it), and its `created` event.
    static func opening(
        _ id: UUID, customer: UUID, conversation: UUID, channel: Channel, message: SQLQuery, subject: String,
        category: TicketCategory, priority: TicketPriority
    ) -> SQLQuery {
        """
        , ticket AS (
            INSERT INTO tickets (id, customer_id, conversation_id, source_channel, source_message_id, subject,
                                 category, priority, status)
            SELECT \(id), \(customer), \(conversation), \(channel.rawValue), id, \(subject),
                   \(category.rawValue), \(priority.rawValue), 'processing'
            FROM \(fragment: message)
            RETURNING id
        ), created AS (
            INSERT INTO ticket_events (ticket_id, kind, to_status, actor, note)
            SELECT id, 'created', 'processing', 'worker', \("opened from a \(channel.rawValue) message") FROM ticket
        )
        """
    }

    // MARK: - Escalating

    /// The steps that hand `target` to a human: the escalation record, the ticket (and with
    /// ``Escalation/escalatesConversation`` its conversation) marked escalated, and an
    /// `escalated` event unless it already was.
    package static func escalating(_ target: Target, _ escalation: Escalation, guardedBy step: SQLQuery? = nil) -> SQLQuery {
        let guarded = guardClause(step)
        var steps: SQLQuery = """
            , escalation AS (
                INSERT INTO escalations (ticket_id, conversation_id, reason, summary, context, created_by)
                SELECT t.id, t.conversation_id, \(escalation.reason), \(escalation.summary),
                       \(PostgresJSON(escalation.context)), \(escalation.actor)
                FROM tickets t WHERE t.id = \(fragment: target.ticket)\(fragment: guarded)
            ), escalated_event AS (
                INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
                SELECT t.id, 'escalated', t.status, 'escalated', \(escalation.actor), \(escalation.note)
                FROM tickets t WHERE t.id = \(fragment: target.ticket) AND t.status <> 'escalated'\(fragment: guarded)
            ), escalated_ticket AS (
                UPDATE tickets SET status = 'escalated', resolved_at = NULL, resolved_by = NULL, updated_at = now()
                WHERE id = \(fragment: target.ticket)\(fragment: guarded)
            )
            """
        if escalation.escalatesConversation {
            steps.append(
                """
                , escalated_conversation AS (
                    UPDATE conversations SET status = 'escalated' WHERE id = \(fragment: target.conversation)\(fragment: guarded)
                )
                """)
        }
        return steps
    }

    // MARK: - Resolving

    /// The steps that resolve `target` when an automatic answer closes it: only a ticket still
    /// `open` or `processing` (an escalated one waits for its human), with a `resolved` event.
    /// Its conversation stays active for the customer's follow-ups.
    static func resolvingAnswered(_ target: Target, note: String, guardedBy step: SQLQuery? = nil) -> SQLQuery {
        let guarded = guardClause(step)
        return """
            , resolved_event AS (
                INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
                SELECT t.id, 'resolved', t.status, 'resolved', 'agent', \(note)
                FROM tickets t WHERE t.id = \(fragment: target.ticket) AND t.status IN ('open', 'processing')\(fragment: guarded)
            ), resolved_ticket AS (
                UPDATE tickets SET status = 'resolved', resolved_at = now(), resolved_by = 'agent',
                       resolution_notes = \(note), updated_at = now()
                WHERE id = \(fragment: target.ticket) AND status IN ('open', 'processing')\(fragment: guarded)
            )
            """
    }

    /// The steps that close `target` for good on a person's word: the ticket resolved with
    /// `notes` by `actor`, its pending escalations resolved, and its conversation once no other
    /// ticket of it is open. The event is the caller's (see ``event(_:kind:from:to:actor:note:)``).
    static func closing(_ target: Target, notes: String, actor: String) -> SQLQuery {
        """
        , closed_ticket AS (
            UPDATE tickets SET status = 'resolved', resolution_notes = \(notes), resolved_by = \(actor),
                   resolved_at = now(), updated_at = now()
            WHERE id = \(fragment: target.ticket)
        ), closed_escalations AS (
            UPDATE escalations SET status = 'resolved', resolved_at = now()
            WHERE ticket_id = \(fragment: target.ticket) AND status <> 'resolved'
        ), closed_conversation AS (
            UPDATE conversations SET status = 'resolved', ended_at = now()
            WHERE id = \(fragment: target.conversation)
              AND NOT EXISTS (SELECT 1 FROM tickets WHERE conversation_id = \(fragment: target.conversation)
                              AND id <> \(fragment: target.ticket) AND status <> 'resolved')
        )
        """
    }

    /// The steps that give `target` back to the people working on it after a human answered:
    /// `processing`, with its pending escalations `assigned`.
    static func takingUp(_ target: Target) -> SQLQuery {
        """
        , taken_ticket AS (
            UPDATE tickets SET status = 'processing', resolved_at = NULL, resolved_by = NULL, updated_at = now()
            WHERE id = \(fragment: target.ticket)
        ), taken_escalations AS (
            UPDATE escalations SET status = 'assigned' WHERE ticket_id = \(fragment: target.ticket) AND status = 'pending'
        )
        """
    }

    /// The step that appends one entry to the ticket's audit trail.
    static func event(
        _ target: Target, kind: String, from: TicketStatus?, to: TicketStatus?, actor: String, note: String
    ) -> SQLQuery {
        """
        , event AS (
            INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
            VALUES (\(fragment: target.ticket), \(kind), \(from?.rawValue), \(to?.rawValue), \(actor), \(note))
        )
        """
    }

    // MARK: - Classifying

    /// Sets a ticket's category and priority (the agent's `create_ticket` tool); `nil` keeps one.
    static func classifying(_ id: UUID, category: TicketCategory?, priority: TicketPriority?) -> SQLQuery {
        """
        UPDATE tickets SET category = coalesce(\(category?.rawValue), category),
               priority = coalesce(\(priority?.rawValue), priority), updated_at = now()
        WHERE id = \(id)
        """
    }

    /// A statement of nothing but `steps`, for a change that has no cause to store with it.
    package static func standalone(_ steps: SQLQuery) -> SQLQuery {
        "WITH start AS (SELECT)\(fragment: steps) SELECT"
    }

    /// ` AND EXISTS (SELECT 1 FROM step)`, or nothing without a step.
    private static func guardClause(_ step: SQLQuery?) -> SQLQuery {
        guard let step else { return "" }
        return " AND EXISTS (SELECT 1 FROM \(fragment: step))"
    }
}
