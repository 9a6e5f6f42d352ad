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
    /// The customer's view of a ticket: its status and **its own** messages — the inbound
    /// messages its opener sent through the channel it was opened on (the web-form submission),
    /// the replies to them and the human replies on that channel — oldest first; `nil` when no
    /// such ticket is stored. Nothing else of the customer's conversation is shown: other
    /// channels' messages, and other senders', may belong to someone who never saw this ticket
    /// (docs/gateway.md, "What the ticket page shows").
    public func supportStatus(_ id: UUID) async throws -> SupportTicketStatus? {
        try await database.withConnection { connection in
            guard let row = try await connection.query(
                "SELECT status, created_at, updated_at FROM tickets WHERE id = \(id)").first
            else { return nil }
            let createdAt: Date = try row.decode("created_at")
            let messages = try await connection.query(SupportTicketStatus.Message.self, Self.ownMessagesQuery(of: id))
            let updatedAt: Date = try row.decode("updated_at")
            return SupportTicketStatus(
                ticketID: id, status: try row.decode("status"), messages: messages, createdAt: createdAt,
                lastUpdated: max(updatedAt, messages.last?.createdAt ?? updatedAt))
        }
    }

    /// The messages ``supportStatus(_:)`` shows: the message that opened the ticket (for
    /// tickets stored before tickets named it, the web-form submission carrying the ticket's
    /// id), the ticket's later inbound messages on its source channel from the same address with
    /// the same proof, the replies to those, and human replies on the ticket's source channel.
    static func ownMessagesQuery(of ticketID: UUID) -> SQLQuery {
        """
        WITH ticket AS (
            SELECT id, conversation_id, source_channel, source_message_id FROM tickets WHERE id = \(ticketID)
        ), source AS (
            SELECT m.id, m.sender_address, m.sender_proof IS NOT NULL AS verified FROM messages m, ticket
            WHERE m.id = ticket.source_message_id
               OR (ticket.source_message_id IS NULL AND m.conversation_id = ticket.conversation_id
                   AND m.channel = 'web_form' AND m.channel_message_id = ticket.id::text)
            LIMIT 1
        ), own AS (
            SELECT m.id FROM messages m, ticket, source
            WHERE m.conversation_id = ticket.conversation_id AND m.direction = 'inbound' AND m.channel = ticket.source_channel
              AND (m.id = source.id OR (m.ticket_id = ticket.id AND m.sender_address = source.sender_address
                                        AND (m.sender_proof IS NOT NULL) = source.verified))
        )
        SELECT m.role, m.channel, m.content, m.created_at FROM messages m, ticket
        WHERE m.conversation_id = ticket.conversation_id AND m.role <> 'system'
          AND (m.id IN (SELECT id FROM own) OR m.reply_to_message_id IN (SELECT id FROM own)
               OR (m.role = 'human' AND m.reply_to_message_id IS NULL AND m.ticket_id = ticket.id
                   AND m.channel = ticket.source_channel))
        ORDER BY m.created_at, m.id
        """
    }
}
