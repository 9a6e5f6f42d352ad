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

    /// The customer's last `limit` messages before `inbound`, oldest first: across all channels
    /// when the sender is proven, else only the current conversation's messages on the same
    /// channel (so nobody learns another customer's history by typing their address).
    public func history(before inbound: InboundRecord, channel: Channel, limit: Int = historyLimit) async throws -> [HistoryMessage] {
        let rows = try await database.query(Self.historyQuery(before: inbound, channel: channel, limit: limit))
        return try Self.history(from: rows)
    }

    /// The statement ``history(before:channel:limit:)`` runs; it reads the newest first.
    static func historyQuery(before inbound: InboundRecord, channel: Channel, limit: Int = historyLimit) -> SQLQuery {
        let scope: SQLQuery = inbound.senderProven
            ? "c.customer_id = \(inbound.customerID)"
            : "m.conversation_id = \(inbound.conversationID) AND m.channel = \(channel.rawValue)"
        return """
            SELECT m.channel, m.role, m.content, t.subject, m.created_at
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN tickets t ON t.id = m.ticket_id
            WHERE \(fragment: scope) AND m.id <> \(inbound.messageID) AND m.role <> 'system'
            ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit)
            """
    }

    /// The rows of ``historyQuery(before:channel:limit:)``, oldest first.
    static func history(from rows: [DatabaseRow]) throws -> [HistoryMessage] {
        try rows.map(HistoryMessage.init(row:)).reversed()
    }
}
