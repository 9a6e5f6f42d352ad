import Foundation

/// One earlier message of a customer, as the agent sees it.
public struct HistoryMessage: Sendable, Equatable, DatabaseRowDecodable {
    public var channel: Channel
    /// `customer`, `agent`, `human` or `system`.
    public var role: String
    public var content: String
    public var subject: String?
    public var createdAt: Date

    public init(row: DatabaseRow) throws {
        channel = Channel(rawValue: try row.decode("channel")) ?? .webForm
        role = try row.decode("role")
        content = try row.decode("content")
        subject = try row.decode("subject")
        createdAt = try row.decode("created_at")
    }
}

extension ConversationIntake {
    /// How many earlier messages the agent sees.
    public static let historyLimit = 20

    /// What the agent may know of the sender's earlier contact: the last `limit` messages
    /// before `inbound`, oldest first, that **verified** messages from the same address wrote
    /// or received — the sender's own verified messages (on any channel: a web-form submission
    /// the mailbox proved counts for that e-mail address), the replies to them and the human
    /// replies on their tickets. Nothing for a sender whose address is a claim. Other addresses
    /// of the customer, linked by claims, are never shown: a claim links for the humans' view
    /// only (docs/worker.md, "Trust model").
    public func history(before inbound: InboundRecord, channel: Channel, limit: Int = historyLimit) async throws -> [HistoryMessage] {
        let rows = try await database.query(Self.historyQuery(before: inbound, channel: channel, limit: limit))
        return try Self.history(from: rows)
    }

    /// The statement ``history(before:channel:limit:)`` runs; it reads the newest first. A
    /// message counts through its sender: an inbound message its own, a reply that of the
    /// message it answers, a human reply that of its ticket's first message.
    static func historyQuery(before inbound: InboundRecord, channel: Channel, limit: Int = historyLimit) -> SQLQuery {
        guard inbound.sender.isVerified else {
            return "SELECT 1 WHERE false"
        }
        let address = inbound.sender.address
        return """
            SELECT m.channel, m.role, m.content, t.subject, m.created_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN messages q ON q.id = m.reply_to_message_id
            LEFT JOIN tickets t ON t.id = m.ticket_id
            LEFT JOIN messages s ON s.id = t.source_message_id
            WHERE c.customer_id = \(inbound.customerID) AND m.id <> \(inbound.messageID) AND m.role <> 'system'
              AND CASE WHEN m.direction = 'inbound' THEN m.sender_address = \(address) AND m.sender_proof IS NOT NULL
                       WHEN q.id IS NOT NULL THEN q.sender_address = \(address) AND q.sender_proof IS NOT NULL
                       ELSE m.role = 'human' AND s.sender_address = \(address) AND s.sender_proof IS NOT NULL END
            ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit)
            """
    }

    /// The rows of ``historyQuery(before:channel:limit:)``, oldest first.
    static func history(from rows: [DatabaseRow]) throws -> [HistoryMessage] {
        try rows.map(HistoryMessage.init(row:)).reversed()
    }
}
