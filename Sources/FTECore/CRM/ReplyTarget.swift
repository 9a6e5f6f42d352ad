import Foundation

/// Where a human's reply to a ticket goes, and what threads it.
struct ReplyTarget {
    var channel: Channel
    var recipient: String
    var metadata: InboundMessageMetadata
    /// When the answered message was stored.
    var receivedAt: Date?
    /// The name the answered message gave (not the CRM's, which a claim may have set).
    var customerName: String?

    /// The ticket's latest inbound message (its own messages, else the one that opened it; for
    /// tickets stored before messages named their ticket, the conversation's latest on the
    /// ticket's source channel), with its recipient and threading. Older messages lack
    /// metadata: the address then comes from the customer's identifiers, the subject from the
    /// ticket and the Gmail thread from the conversation.
    static func find(for ticket: TicketRecord, in connection: DatabaseConnection) async throws -> ReplyTarget {
        guard let owner = try await connection.query(
            """
            SELECT customer_id, source_message_id FROM tickets WHERE id = \(ticket.id)
            """).first
        else { throw TicketError.notFound(ticket.id) }
        let customerID: UUID = try owner.decode("customer_id")
        let sourceMessageID: UUID? = try owner.decode("source_message_id")
        let inbound = try await connection.query(
            """
            SELECT m.channel, m.created_at, m.metadata::text AS metadata, c.metadata->>'thread_id' AS conversation_thread_id
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.conversation_id = \(ticket.conversationId) AND m.direction = 'inbound'
              AND (m.ticket_id = \(ticket.id) OR m.id = \(sourceMessageID)
                   OR (m.ticket_id IS NULL AND m.channel = \(ticket.sourceChannel)))
            ORDER BY coalesce(m.ticket_id = \(ticket.id) OR m.id = \(sourceMessageID), false) DESC,
                     m.created_at DESC, m.id DESC
            LIMIT 1
            """).first
        let channelName: String = try inbound?.decode("channel") ?? ticket.sourceChannel
        guard let channel = Channel(rawValue: channelName) else {
            throw DatabaseError(.decodingFailed, "unknown channel \(channelName) on ticket \(ticket.id.lowercasedString)")
        }
        var metadata = try inbound?.decodeJSON("metadata", as: InboundMessageMetadata.self) ?? InboundMessageMetadata()
        metadata.subject = metadata.subject ?? ticket.subject
        if channel == .email, metadata.threadID == nil {
            metadata.threadID = try inbound?.decode("conversation_thread_id")
        }
        var recipient = metadata.recipient(on: channel)
        if recipient == nil { recipient = try await identifier(of: customerID, for: channel, in: connection) }
        guard let recipient else {
            let address = channel == .whatsapp ? "WhatsApp number" : "e-mail address"
            throw TicketError(
                code: .noAddress,
                message: "ticket \(ticket.id.lowercasedString) must be answered by \(channel.displayName), but its customer has no \(address)")
        }
        return ReplyTarget(
            channel: channel, recipient: recipient, metadata: metadata,
            receivedAt: try inbound?.decode("created_at"), customerName: metadata.name)
    }

    /// The customer's address for `channel`: a WhatsApp number (else a phone number) for
    /// WhatsApp, an e-mail address otherwise; verified and older ones first.
    private static func identifier(of customerID: UUID, for channel: Channel, in connection: DatabaseConnection) async throws -> String? {
        let types = channel == .whatsapp ? ["whatsapp", "phone"] : ["email"]
        return try await connection.query(
            """
            SELECT value FROM customer_identifiers
            WHERE customer_id = \(customerID) AND type = ANY(\(types)::text[])
            ORDER BY array_position(\(types)::text[], type), verified DESC, created_at, value
            LIMIT 1
            """
        ).first?.decode("value")
    }
}
