/// What one channel did during a simulated day.
public struct ChannelMeasurements: Sendable, Codable, Equatable {
    public var channel: Channel
    /// Messages the simulator sent (first deliveries, not redeliveries).
    public var sent: Int
    /// Messages the gateway acknowledged (2xx after the event was durable).
    public var acknowledged: Int
    /// Acknowledged messages answered by the model, the built-in responder or a human.
    public var answered: Int
    /// Acknowledged messages whose ticket was escalated.
    public var escalated: Int
    /// Acknowledged messages with neither a reply nor an escalation at the end.
    public var lost: Int
    /// Extra replies beyond one per inbound message (stored or received by the provider).
    public var duplicateReplies: Int
    /// Replies the provider never accepted (marked failed by the outbox).
    public var deliveryFailures: Int
    /// First delivery attempt → 2xx from the gateway (provider retries included).
    public var acknowledgement: LatencySummary
    /// Acknowledged → reply stored (the agent's time included; its model latency is stated
    /// in ``SimulationResult/llm``).
    public var processing: LatencySummary
    /// Reply stored → accepted by the provider (Gmail, Twilio; the status page for web replies).
    public var delivery: LatencySummary

    public init(
        channel: Channel, sent: Int, acknowledged: Int, answered: Int, escalated: Int, lost: Int,
        duplicateReplies: Int, deliveryFailures: Int, acknowledgement: LatencySummary,
        processing: LatencySummary, delivery: LatencySummary
    ) {
        self.channel = channel
        self.sent = sent
        self.acknowledged = acknowledged
        self.answered = answered
        self.escalated = escalated
        self.lost = lost
        self.duplicateReplies = duplicateReplies
        self.deliveryFailures = deliveryFailures
        self.acknowledgement = acknowledgement
        self.processing = processing
        self.delivery = delivery
    }
}
