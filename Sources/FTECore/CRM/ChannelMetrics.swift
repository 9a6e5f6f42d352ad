import Foundation

/// Per-channel figures over a recent window, for `GET /metrics/channels`: a subset of
/// ``ChannelFigures``, which `fte report` shows too (one definition of each figure).
public struct ChannelMetrics: Sendable, Encodable {
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

    init(_ figures: ChannelFigures) {
        channel = figures.channel.rawValue
        conversations = figures.conversations
        messages = figures.messages
        averageSentiment = figures.averageSentiment
        escalations = figures.escalations
    }
}

extension CustomerDirectory {
    /// Figures for every channel over the last `hours` hours (channels without traffic show zeros).
    public func channelMetrics(hours: Int = 24) async throws -> [ChannelMetrics] {
        try await ChannelFigures.read(.last(hours: Double(hours)), from: database).map(ChannelMetrics.init)
    }
}
