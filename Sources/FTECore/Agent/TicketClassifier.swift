import Foundation

/// Where the agent's `create_ticket` tool records a ticket's category and priority: the CRM's
/// ``TicketStore`` in `fte work`, a recorder in `fte eval` (which must not change tickets).
public protocol TicketClassifier: Sendable {
    /// Sets the ticket's category and priority; `nil` leaves one as it is.
    func classify(_ id: UUID, category: TicketCategory?, priority: TicketPriority?) async throws
}

extension TicketStore: TicketClassifier {}
