import Foundation

extension TicketStore {
    /// Hands a ticket to a human: records an escalation with the reason, marks the ticket and
    /// its conversation escalated, and logs who did it.
    /// - Throws: ``TicketError`` `notFound`, `invalidInput` (empty reason) or
    ///   `invalidTransition` (already escalated, or resolved).
    public func escalate(_ id: UUID, reason: String, actor: String) async throws -> TicketRecord {
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else {
            throw TicketError(code: .invalidInput, message: "--reason must not be empty")
        }
        return try await transition(id, to: .escalated) { ticket, _ in
            TicketLifecycle.escalating(
                .ticket(id, conversation: ticket.conversationId),
                .init(reason: "manual", summary: reason, context: ["source": "fte ticket escalate"], actor: actor, note: reason))
        }
    }

    /// Closes a ticket with resolution notes; its pending escalations are resolved with it, and
    /// its conversation too once no other ticket of it is open.
    /// - Throws: ``TicketError`` `notFound`, `invalidInput` (empty note) or `invalidTransition`
    ///   (already resolved).
    public func resolve(_ id: UUID, note: String, actor: String) async throws -> TicketRecord {
        let note = note.trimmingWhitespace()
        guard !note.isEmpty else {
            throw TicketError(code: .invalidInput, message: "--note must not be empty")
        }
        return try await transition(id, to: .resolved) { ticket, current in
            let target = TicketLifecycle.Target.ticket(id, conversation: ticket.conversationId)
            return TicketLifecycle.closing(target, notes: note, actor: actor)
                .appending(TicketLifecycle.event(target, kind: "resolved", from: current, to: .resolved, actor: actor, note: note))
        }
    }

    /// Which status changes a support lead may make.
    static func allows(from current: TicketStatus, to target: TicketStatus) -> Bool {
        switch (current, target) {
        case (.open, .escalated), (.processing, .escalated): true
        case (.open, .resolved), (.processing, .resolved), (.escalated, .resolved): true
        default: false
        }
    }

    /// Locks the ticket, checks that a support lead may move it to `target`, and applies the
    /// lifecycle's `steps` for it in one statement; returns the ticket as it is then.
    private func transition(
        _ id: UUID, to target: TicketStatus, steps: @Sendable (TicketRecord, _ current: TicketStatus) -> SQLQuery
    ) async throws -> TicketRecord {
        try await database.withTransaction { connection in
            let (ticket, current) = try await Self.lockedTicket(id, in: connection)
            guard Self.allows(from: current, to: target) else {
                throw TicketError(code: .invalidTransition, message: Self.refusal(ticket, current: current, target: target))
            }
            try await connection.execute(TicketLifecycle.standalone(steps(ticket, current)))
            return try await Self.reread(id, in: connection)
        }
    }

    /// The ticket `id`, locked until the transaction ends, with its status.
    /// - Throws: ``TicketError`` `notFound`.
    static func lockedTicket(_ id: UUID, in connection: DatabaseConnection) async throws -> (TicketRecord, TicketStatus) {
        guard let row = try await connection.query("SELECT * FROM tickets WHERE id = \(id) FOR UPDATE").first else {
            throw TicketError.notFound(id)
        }
        let ticket = try TicketRecord(row: row)
        return (ticket, TicketStatus(rawValue: ticket.status) ?? .open)
    }

    /// The ticket `id` as the transaction sees it now.
    static func reread(_ id: UUID, in connection: DatabaseConnection) async throws -> TicketRecord {
        guard let row = try await connection.query("SELECT * FROM tickets WHERE id = \(id)").first else {
            throw TicketError.notFound(id)
        }
        return try TicketRecord(row: row)
    }

    private static func refusal(_ ticket: TicketRecord, current: TicketStatus, target: TicketStatus) -> String {
        let id = ticket.id.lowercasedString
        switch (current, target) {
        case (.resolved, .resolved):
            let by = ticket.resolvedBy.map { " by \($0)" } ?? ""
            let at = ticket.resolvedAt.map { " at \(PostgresTimestamp.format($0))" } ?? ""
            return "ticket \(id) is already resolved\(by)\(at)"
        case (.escalated, .escalated):
            return "ticket \(id) is already escalated; resolve it with `fte ticket resolve \(id) --note …`"
        case (.resolved, .escalated):
            return "ticket \(id) is resolved; a resolved ticket cannot be escalated"
        default:
            return "ticket \(id) cannot go from \(current.rawValue) to \(target.rawValue)"
        }
    }
}

extension TicketStore {
    /// Sets a ticket's category and priority (the agent's `create_ticket` tool); `nil` keeps one.
    public func classify(_ id: UUID, category: TicketCategory?, priority: TicketPriority?) async throws {
        try await database.execute(TicketLifecycle.classifying(id, category: category, priority: priority))
    }
}
