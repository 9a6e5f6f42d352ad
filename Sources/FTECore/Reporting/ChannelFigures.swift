import Foundation

/// A channel's activity in a period: the one definition of these figures, shared by
/// `GET /metrics/channels` and `fte report` (docs/report.md defines each).
public struct ChannelFigures: Sendable, Codable, Equatable, DatabaseRowDecodable {
    public var channel: Channel
    /// Conversations with a message (either direction) on this channel in the period.
    public var conversations: Int
    /// Inbound (customer) messages on this channel in the period.
    public var messages: Int
    /// Those of ``messages`` with a sentiment score.
    public var scored: Int
    /// Average sentiment (0–1) of the scored inbound messages; `nil` when none was scored.
    public var averageSentiment: Double?
    /// Scored inbound messages at or above ``SentimentBands/positive`` (VADER's compound ≥ 0.05).
    public var positive: Int
    /// Scored inbound messages between the two bands.
    public var neutral: Int
    /// Scored inbound messages at or below ``SentimentBands/negative`` (VADER's compound ≤ −0.05).
    public var negative: Int
    /// Escalations created in the period of tickets opened on this channel.
    public var escalations: Int

    public init(row: DatabaseRow) throws {
        let name: String = try row.decode("channel")
        guard let channel = Channel(rawValue: name) else { throw DatabaseError(.decodingFailed, "unknown channel \(name)") }
        self.channel = channel
        conversations = try row.decode("conversations")
        messages = try row.decode("messages")
        scored = try row.decode("scored")
        averageSentiment = try row.decode("average_sentiment", as: Double?.self)
        positive = try row.decode("positive")
        neutral = try row.decode("neutral")
        negative = try row.decode("negative")
        escalations = try row.decode("escalations")
    }

    /// The figures of every channel (or of the period's one channel) in `period`, channels
    /// without traffic as zeros, in ``Channel/allCases`` order. One statement.
    public static func read(_ period: ReportPeriod, from database: Database) async throws -> [ChannelFigures] {
        try await read(period, split: period.since, from: database).current
    }

    /// The figures of `period` and of the period of the same length before it
    /// (``ReportPeriod/previous``, what a report's trend compares with), in one statement that
    /// reads both periods' rows once.
    public static func readWithPrevious(
        _ period: ReportPeriod, from database: Database
    ) async throws -> (current: [ChannelFigures], previous: [ChannelFigures]) {
        let both = ReportPeriod(since: period.previous.since, until: period.until, channel: period.channel)
        return try await read(both, split: period.since, from: database)
    }

    /// The figures of `span` in two parts: its rows before `split`, and its rows from `split` on.
    /// One scan of the span's messages: a conversation has a message on a channel in a part
    /// when one of the part's messages there follows its previous one on that channel from
    /// before the part (`messages.channel_previous_at`, migration 32), so conversations are
    /// counted without a distinct count.
    private static func read(
        _ span: ReportPeriod, split: Date, from database: Database
    ) async throws -> (current: [ChannelFigures], previous: [ChannelFigures]) {
        let rows = try await database.query(
            """
            WITH posted AS (
                SELECT m.created_at >= \(split) AS current, m.channel,
                       count(*) FILTER (WHERE m.channel_previous_at IS NULL OR m.channel_previous_at
                                        < CASE WHEN m.created_at >= \(split) THEN \(split)::timestamptz ELSE \(span.since)::timestamptz END)::int AS conversations,
                       count(*) FILTER (WHERE m.direction = 'inbound')::int AS messages,
                       count(m.sentiment) FILTER (WHERE m.direction = 'inbound')::int AS scored,
                       (avg(m.sentiment) FILTER (WHERE m.direction = 'inbound'))::float8 AS average_sentiment,
                       count(*) FILTER (WHERE m.direction = 'inbound' AND m.sentiment >= \(SentimentBands.positive))::int AS positive,
                       count(*) FILTER (WHERE m.direction = 'inbound' AND m.sentiment <= \(SentimentBands.negative))::int AS negative
                FROM messages m
                WHERE true\(fragment: span.conditions(time: "m.created_at"))
                GROUP BY 1, 2
            ), escalated AS (
                SELECT e.created_at >= \(split) AS current, t.source_channel AS channel, count(*)::int AS escalations
                FROM escalations e JOIN tickets t ON t.id = e.ticket_id
                WHERE true\(fragment: span.conditions(time: "e.created_at"))
                GROUP BY 1, 2
            )
            SELECT p.current, ch.channel, coalesce(i.conversations, 0) AS conversations, coalesce(i.messages, 0) AS messages,
                   coalesce(i.scored, 0) AS scored, i.average_sentiment,
                   coalesce(i.positive, 0) AS positive, coalesce(i.negative, 0) AS negative,
                   coalesce(i.scored - i.positive - i.negative, 0) AS neutral,
                   coalesce(e.escalations, 0) AS escalations
            FROM unnest(ARRAY['email', 'whatsapp', 'web_form']) WITH ORDINALITY AS ch(channel, position)
            CROSS JOIN (VALUES (true), (false)) AS p(current)
            LEFT JOIN posted i ON i.channel = ch.channel AND i.current = p.current
            LEFT JOIN escalated e ON e.channel = ch.channel AND e.current = p.current
            WHERE \(span.channel?.rawValue)::text IS NULL OR ch.channel = \(span.channel?.rawValue)
            ORDER BY ch.position
            """)
        var current: [ChannelFigures] = []
        var previous: [ChannelFigures] = []
        for row in rows {
            if try row.decode("current", as: Bool.self) {
                current.append(try ChannelFigures(row: row))
            } else {
                previous.append(try ChannelFigures(row: row))
            }
        }
        return (current, previous)
    }
}

/// Where positive and negative sentiment begin on the 0–1 scale: VADER's published cut-offs
/// (compound ≥ 0.05 positive, ≤ −0.05 negative) mapped by `(compound + 1) / 2`.
public enum SentimentBands {
    public static let positive = 0.525
    public static let negative = 0.475
}
