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
    /// The customer's last `limit` messages before `inbound`, oldest first: across all channels
    /// when the sender is proven, else only the current conversation's messages on the same
    /// channel (so nobody learns another customer's history by typing their address).
    public func history(before inbound: InboundRecord, channel: Channel, limit: Int = 20) async throws -> [HistoryMessage] {
        let scope: SQLQuery = inbound.senderProven
            ? "c.customer_id = \(inbound.customerID)"
            : "m.conversation_id = \(inbound.conversationID) AND m.channel = \(channel.rawValue)"
        let rows = try await database.query(
            HistoryMessage.self,
            """
            SELECT m.channel, m.role, m.content, t.subject, m.created_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN tickets t ON t.id = m.ticket_id
            WHERE \(fragment: scope) AND m.id <> \(inbound.messageID) AND m.role <> 'system'
            ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit)
            """)
        return rows.reversed()
    }
}
