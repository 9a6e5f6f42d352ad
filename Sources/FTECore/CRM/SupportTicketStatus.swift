import Foundation

/// What a customer sees of their web-form ticket in the "track my request" view and at
/// `GET /support/ticket/{id}`.
public struct SupportTicketStatus: Sendable, Encodable, Equatable {
    /// The status a ticket has between the gateway accepting it and the worker storing it.
    public static let received = "received"

    /// A message as the customer sees it.
    public struct Message: Sendable, Encodable, Equatable, DatabaseRowDecodable {
        /// `customer`, `agent` or `human`.
        public var role: String
        public var channel: String
        public var content: String
        public var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case role, channel, content
            case createdAt = "created_at"
        }

        public init(row: DatabaseRow) throws {
            role = try row.decode("role")
            channel = try row.decode("channel")
            content = try row.decode("content")
            createdAt = try row.decode("created_at")
        }
    }

    public var ticketID: UUID
    /// `received`, then the ticket's status: `open`, `processing`, `resolved` or `escalated`.
    public var status: String
    public var messages: [Message]
    public var createdAt: Date
    public var lastUpdated: Date

    enum CodingKeys: String, CodingKey {
        case ticketID = "ticket_id", status, messages
        case createdAt = "created_at", lastUpdated = "last_updated"
    }

    /// A ticket the gateway accepted at `acceptedAt` that the worker has not stored yet.
    public static func accepted(_ ticketID: UUID, at acceptedAt: Date) -> SupportTicketStatus {
        SupportTicketStatus(ticketID: ticketID, status: received, messages: [], createdAt: acceptedAt, lastUpdated: acceptedAt)
    }
}

extension TicketStore {
    /// The customer's view of a ticket: its status and the conversation's messages since the
    /// ticket was opened (system messages left out); `nil` when no such ticket is stored.
    public func supportStatus(_ id: UUID) async throws -> SupportTicketStatus? {
        try await database.withConnection { connection in
            guard let row = try await connection.query(
                """
                SELECT t.status, t.conversation_id, t.created_at, t.updated_at,
                       coalesce(m.created_at, t.created_at) AS opened_at
                FROM tickets t LEFT JOIN messages m ON m.id = t.source_message_id WHERE t.id = \(id)
                """).first
            else { return nil }
            let conversationID: UUID = try row.decode("conversation_id")
            let createdAt: Date = try row.decode("created_at")
            let openedAt: Date = try row.decode("opened_at")
            let messages = try await connection.query(
                SupportTicketStatus.Message.self,
                """
                SELECT role, channel, content, created_at FROM messages
                WHERE conversation_id = \(conversationID) AND role <> 'system'
                  AND created_at >= \(openedAt)
                ORDER BY created_at, id
                """)
            let updatedAt: Date = try row.decode("updated_at")
            return SupportTicketStatus(
                ticketID: id, status: try row.decode("status"), messages: messages, createdAt: createdAt,
                lastUpdated: max(updatedAt, messages.last?.createdAt ?? updatedAt))
        }
    }
}
