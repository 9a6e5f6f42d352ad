import Foundation

/// Per-channel figures over a recent window, for `GET /metrics/channels`.
public struct ChannelMetrics: Sendable, Codable, DatabaseRowDecodable {
    public var channel: String
    /// Conversations with a message on this channel in the window.
    public var conversations: Int
    /// Inbound messages on this channel in the window.
    public var messages: Int
    /// Average sentiment (0–1) of those inbound messages that were scored.
    public var averageSentiment: Double?
    /// Escalations of tickets opened on this channel, created in the window.
    public var escalations: Int

    enum CodingKeys: String, CodingKey {
        case channel, conversations, messages, escalations
        case averageSentiment = "average_sentiment"
    }
}

extension CustomerDirectory {
    /// Figures for every channel over the last `hours` hours (channels without traffic show zeros).
    public func channelMetrics(hours: Int = 24) async throws -> [ChannelMetrics] {
        try await database.query(
            ChannelMetrics.self,
            """
            WITH window_start AS (SELECT now() - make_interval(hours => \(hours)) AS since)
            SELECT ch.channel,
                   (SELECT count(DISTINCT m.conversation_id)::int FROM messages m, window_start w
                     WHERE m.channel = ch.channel AND m.created_at >= w.since) AS conversations,
                   (SELECT count(*)::int FROM messages m, window_start w
                     WHERE m.channel = ch.channel AND m.direction = 'inbound' AND m.created_at >= w.since) AS messages,
                   (SELECT avg(m.sentiment)::float8 FROM messages m, window_start w
                     WHERE m.channel = ch.channel AND m.direction = 'inbound' AND m.created_at >= w.since) AS average_sentiment,
                   (SELECT count(*)::int FROM escalations e JOIN tickets t ON t.id = e.ticket_id, window_start w
                     WHERE t.source_channel = ch.channel AND e.created_at >= w.since) AS escalations
            FROM unnest(ARRAY['email', 'whatsapp', 'web_form']) AS ch(channel)
            """)
    }
}
