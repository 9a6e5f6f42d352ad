import FTECore

/// The hard rules a person's reply through MCP must pass before it is queued: the AI agent's
/// ``ReplyChecks`` for prices, competitor names and claimed actions. The ticket existing counts
/// as done (`ticket_created`), and so does an escalation once the ticket has one.
///
/// The agent's length limits and source rule are not applied: a person's reply keeps
/// `fte ticket reply`'s limit (``TicketStore/maxReplyCharacters``, WhatsApp replies split at
/// sentences), and a person may answer from what they know.
struct ReplyReview: Sendable {
    var checks: ReplyChecks

    /// What is wrong with `message` as a reply to `ticket`; empty when it may be sent.
    func violations(in message: String, to ticket: TicketDetail) -> [ReplyViolation] {
        violations(
            in: message, channel: Channel(rawValue: ticket.ticket.sourceChannel) ?? .email,
            escalated: ticket.ticket.status == TicketStatus.escalated.rawValue || !ticket.escalations.isEmpty)
    }

    /// What is wrong with `message` as a reply on `channel`, to a ticket that has been
    /// `escalated` or not; empty when it may be sent.
    func violations(in message: String, channel: Channel, escalated: Bool) -> [ReplyViolation] {
        let performed: Set<AgentAction> = escalated ? [.ticketCreated, .escalated] : [.ticketCreated]
        return checks.violations(in: message, channel: channel, kind: .notice, performedActions: performed).filter {
            if case .tooLong = $0 { return false }
            return true
        }
    }
}
