import Foundation

/// Reads and changes tickets for support leads (`fte ticket`).
public struct TicketStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Tickets matching `filter`, newest first.
    /// - Throws: ``TicketError`` `invalidInput` for a limit outside 1...10,000; ``DatabaseError``.
    public func list(_ filter: TicketFilter) async throws -> [TicketSummary] {
        guard (1...10_000).contains(filter.limit) else {
            throw TicketError(code: .invalidInput, message: "--limit must be between 1 and 10000 (got \(filter.limit))")
        }
        return try await database.query(
            TicketSummary.self,
            """
            SELECT t.id, t.status, t.source_channel AS channel, t.priority, t.category, t.subject,
                   t.created_at, t.updated_at, c.name AS customer_name,
                   (SELECT ci.value FROM customer_identifiers ci WHERE ci.customer_id = t.customer_id
                     ORDER BY ci.type = 'email' DESC, ci.created_at LIMIT 1) AS customer_contact
            FROM tickets t JOIN customers c ON c.id = t.customer_id
            \(fragment: filter.whereClause)
            ORDER BY t.created_at DESC, t.id
            LIMIT \(filter.limit)
            """)
    }

    /// The ticket, its customer with all identifiers, its conversation across channels in time
    /// order, its escalations and its audit trail.
    /// - Throws: ``TicketError`` `notFound`; ``DatabaseError``.
    public func detail(_ id: UUID) async throws -> TicketDetail {
        try await database.withConnection { connection in
            guard let ticketRow = try await connection.query(
                "SELECT t.*, t.customer_id AS owner FROM tickets t WHERE t.id = \(id)").first
            else { throw TicketError.notFound(id) }
            let ticket = try TicketRecord(row: ticketRow)
            let customerID: UUID = try ticketRow.decode("owner")
            let customer = try await CustomerDirectory.customerRecord(customerID, connection)
            let messages = try await MessageRecord.all(inConversation: ticket.conversationId, connection)
            let escalations = try await connection.query(
                EscalationRecord.self,
                """
                SELECT id, reason, summary, status, created_by, created_at, resolved_at FROM escalations
                WHERE ticket_id = \(id) ORDER BY created_at
                """)
            let events = try await connection.query(
                TicketEventRecord.self,
                """
                SELECT kind, from_status, to_status, actor, note, created_at FROM ticket_events
                WHERE ticket_id = \(id) ORDER BY created_at, id
                """)
            return TicketDetail(
                ticket: ticket,
                customer: customer,
                messages: messages, escalations: escalations, events: events)
        }
    }
}
