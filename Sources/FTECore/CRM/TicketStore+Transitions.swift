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
        return try await transition(id, to: .escalated, actor: actor, note: reason) { connection, ticket in
            try await connection.execute(
                """
                INSERT INTO escalations (ticket_id, conversation_id, reason, summary, context, created_by)
                VALUES (\(id), \(ticket.conversationId), 'manual', \(reason), '{"source": "fte ticket escalate"}', \(actor))
                """)
            try await connection.execute(
                "UPDATE conversations SET status = 'escalated' WHERE id = \(ticket.conversationId)")
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
        let resolution: SQLQuery = ", resolution_notes = \(note), resolved_by = \(actor), resolved_at = now()"
        return try await transition(id, to: .resolved, actor: actor, note: note, setting: resolution) { connection, ticket in
            try await Self.closeResolved(ticket, in: connection)
        }
    }

    /// What resolving `ticket` resolves with it: its pending escalations, and its conversation
    /// once no other ticket of it is open.
    static func closeResolved(_ ticket: TicketRecord, in connection: DatabaseConnection) async throws {
        try await connection.execute(
            "UPDATE escalations SET status = 'resolved', resolved_at = now() WHERE ticket_id = \(ticket.id) AND status <> 'resolved'")
        try await connection.execute(
            """
            UPDATE conversations SET status = 'resolved', ended_at = now()
            WHERE id = \(ticket.conversationId)
              AND NOT EXISTS (SELECT 1 FROM tickets WHERE conversation_id = \(ticket.conversationId)
                              AND id <> \(ticket.id) AND status <> 'resolved')
            """)
    }

    /// Which status changes a support lead may make.
    static func allows(from current: TicketStatus, to target: TicketStatus) -> Bool {
        switch (current, target) {
        case (.open, .escalated), (.processing, .escalated): true
        case (.open, .resolved), (.processing, .resolved), (.escalated, .resolved): true
        default: false
        }
    }

    /// Locks the ticket, checks the transition, sets the status (with `setting`, extra
    /// assignments that must change in the same statement), applies `changes` and records the
    /// event, all in one transaction.
    private func transition(
        _ id: UUID, to target: TicketStatus, actor: String, note: String, setting: SQLQuery = "",
        changes: @Sendable (DatabaseConnection, TicketRecord) async throws -> Void
    ) async throws -> TicketRecord {
        try await database.withTransaction { connection in
            guard let row = try await connection.query("SELECT * FROM tickets WHERE id = \(id) FOR UPDATE").first else {
                throw TicketError.notFound(id)
            }
            let ticket = try TicketRecord(row: row)
            let current = TicketStatus(rawValue: ticket.status) ?? .open
            guard Self.allows(from: current, to: target) else {
                throw TicketError(code: .invalidTransition, message: Self.refusal(ticket, current: current, target: target))
            }
            try await connection.execute(
                "UPDATE tickets SET status = \(target.rawValue), updated_at = now()\(fragment: setting) WHERE id = \(id)")
            try await changes(connection, ticket)
            try await connection.execute(
                """
                INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
                VALUES (\(id), \(target == .resolved ? "resolved" : "escalated"), \(current.rawValue),
                        \(target.rawValue), \(actor), \(note))
                """)
            guard let updated = try await connection.query("SELECT * FROM tickets WHERE id = \(id)").first else {
                throw TicketError.notFound(id)
            }
            return try TicketRecord(row: updated)
        }
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
        try await database.execute(
            """
            UPDATE tickets SET category = coalesce(\(category?.rawValue), category),
                   priority = coalesce(\(priority?.rawValue), priority), updated_at = now()
            WHERE id = \(id)
            """)
    }
}
