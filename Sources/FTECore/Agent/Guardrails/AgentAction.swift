/// Something a reply can claim was done. ``ReplyChecks`` accepts a claim only when the run's
/// tools performed the action.
///
/// No tool refunds or schedules the assistant's own follow-ups, so claims of
/// ``refunded`` and ``followUpScheduled`` are always violations; they are listed so the checks
/// can name them.
public enum AgentAction: String, Sendable, Codable, CaseIterable {
    /// `create_ticket` ran (the ticket exists before the model answers).
    case ticketCreated = "ticket_created"
    /// `escalate_to_human` ran: a person now owns the conversation and will reply.
    case escalated
    /// Money was returned to the customer.
    case refunded
    /// The assistant itself will come back to the customer later.
    case followUpScheduled = "follow_up_scheduled"

    /// The action in words, for feedback to the model.
    var summary: String {
        switch self {
        case .ticketCreated: "no ticket was created"
        case .escalated: "the conversation was not escalated (call escalate_to_human first)"
        case .refunded: "you cannot process refunds; escalate refund requests instead"
        case .followUpScheduled: "you cannot follow up later yourself; only an escalation brings a colleague back"
        }
    }
}
