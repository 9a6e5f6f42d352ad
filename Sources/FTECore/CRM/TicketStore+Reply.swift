import Foundation

/// A human's reply queued by ``TicketStore/reply(_:message:actor:resolve:)``.
public struct HumanReply: Sendable, Encodable {
    /// The stored outbound message.
    public var messageID: UUID
    /// The channel it goes out on: that of the ticket's latest inbound message.
    public var channel: Channel
    /// The customer's e-mail address, or their phone number on WhatsApp.
    public var recipient: String
    /// How many messages it is sent as (a long WhatsApp reply is split).
    public var parts: Int
    /// WhatsApp only: the customer's last message is older than the 24-hour service window, so
    /// Twilio accepts only the configured template (`FTE_TWILIO_TEMPLATE_SID`), not the text.
    public var outsideWhatsAppWindow: Bool
    /// The ticket after the reply.
    public var ticket: TicketRecord

    enum CodingKeys: String, CodingKey {
        case channel, recipient, parts, ticket
        case messageID = "message_id", outsideWhatsAppWindow = "outside_whatsapp_window"
    }
}

extension TicketStore {
    /// Most characters a human reply may have.
    public static let maxReplyCharacters = 10_000

    /// Answers the customer of ticket `id` as a human, through the channel of the ticket's
    /// latest inbound message: stores an outbound `human` message in the ticket's conversation
    /// and queues it in the outbox for the recipient that message came from (threaded into the
    /// customer's e-mail; split at sentence boundaries on WhatsApp). The ``OutboxDispatcher`` of
    /// a running worker sends it.
    ///
    /// The ticket goes to `processing` (its pending escalations become `assigned`), or with
    /// `resolve` to `resolved` with the note "answered by `actor`"; a `note` event records the
    /// reply. Everything happens in one transaction.
    /// - Parameters:
    ///   - message: the reply as the customer will read it (no greeting or sign-off is added).
    ///   - actor: who is answering.
    /// - Throws: ``TicketError`` `invalidInput` (empty, or over ``maxReplyCharacters``),
    ///   `notFound`, `noAddress` (the customer has no address on the channel); ``DatabaseError``.
    public func reply(_ id: UUID, message: String, actor: String, resolve: Bool = false) async throws -> HumanReply {
        let text = message.trimmingWhitespace()
        guard !text.isEmpty else {
            throw TicketError(code: .invalidInput, message: "--message must not be empty")
        }
        guard text.count <= Self.maxReplyCharacters else {
            throw TicketError(
                code: .invalidInput,
                message: "--message has \(text.count) characters; a reply may have at most \(Self.maxReplyCharacters)")
        }
        return try await database.withTransaction { connection in
            guard let row = try await connection.query("SELECT * FROM tickets WHERE id = \(id) FOR UPDATE").first else {
                throw TicketError.notFound(id)
            }
            let ticket = try TicketRecord(row: row)
            let target = try await ReplyTarget.find(
                for: ticket, customerID: try row.decode("customer_id"), sourceMessageID: try row.decode("source_message_id"),
                in: connection)
            let shaped = ReplyShaper().verbatim(text, for: target.channel)
            let payload = OutboxPayload.reply(
                to: target.metadata, receivedAt: target.receivedAt, parts: shaped.messages, ticketID: id,
                customerName: target.customerName)
            let messageID: UUID = try await connection.query(
                """
                WITH message AS (
                    INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status, ticket_id,
                                          answered_by, metadata)
                    VALUES (\(ticket.conversationId), \(target.channel.rawValue), 'outbound', 'human',
                            \(shaped.messages.joined(separator: "\n\n")), 'pending', \(id), 'human',
                            \(PostgresJSON(["actor": actor])))
                    RETURNING id
                )\(fragment: ReplyRecorder.queueing(
                    from: "message", channel: target.channel, recipient: target.recipient, payload: payload))
                SELECT id FROM message
                """
            ).first!.decode("id")

            let current = TicketStatus(rawValue: ticket.status) ?? .open
            if resolve {
                try await connection.execute(
                    """
                    UPDATE tickets SET status = 'resolved', resolution_notes = \("answered by \(actor)"), resolved_by = \(actor),
                           resolved_at = now(), updated_at = now()
                    WHERE id = \(id)
                    """)
                try await Self.closeResolved(ticket, in: connection)
            } else {
                try await connection.execute(
                    """
                    UPDATE tickets SET status = 'processing', resolved_at = NULL, resolved_by = NULL, updated_at = now()
                    WHERE id = \(id)
                    """)
                try await connection.execute(
                    "UPDATE escalations SET status = 'assigned' WHERE ticket_id = \(id) AND status = 'pending'")
            }
            let newStatus: TicketStatus = resolve ? .resolved : .processing
            let changed = current != newStatus
            try await connection.execute(
                """
                INSERT INTO ticket_events (ticket_id, kind, from_status, to_status, actor, note)
                VALUES (\(id), 'note', \(changed ? current.rawValue : nil), \(changed ? newStatus.rawValue : nil), \(actor),
                        \("replied by \(target.channel.displayName) to \(target.recipient)"))
                """)
            guard let updated = try await connection.query("SELECT * FROM tickets WHERE id = \(id)").first else {
                throw TicketError.notFound(id)
            }
            let outsideWindow = target.channel == .whatsapp
                && target.receivedAt.map { Date().timeIntervalSince($0) >= WhatsAppReplySender.serviceWindow } ?? false
            return HumanReply(
                messageID: messageID, channel: target.channel, recipient: target.recipient, parts: shaped.messages.count,
                outsideWhatsAppWindow: outsideWindow, ticket: try TicketRecord(row: updated))
        }
    }
}

/// Where a human's reply to a ticket goes, and what threads it.
private struct ReplyTarget {
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
    static func find(
        for ticket: TicketRecord, customerID: UUID, sourceMessageID: UUID?, in connection: DatabaseConnection
    ) async throws -> ReplyTarget {
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
