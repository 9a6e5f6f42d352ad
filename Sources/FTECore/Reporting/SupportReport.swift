import Foundation

/// What happened in a period, for support leads: volume, sentiment, outcomes and the automation
/// rate, first-response times, knowledge gaps and model usage, computed in SQL over the CRM by
/// ``SupportReportBuilder``. Rendered as text, JSON, CSV and HTML; every figure is defined in
/// docs/report.md.
public struct SupportReport: Sendable, Codable, Equatable {
    public var period: ReportPeriod
    public var generatedAt: Date
    /// How long after the agent's answer a customer's new message counts as reopening it.
    public var reopenWindowHours: Double
    /// Per channel: conversations, inbound messages, sentiment, escalations.
    public var channels: [ChannelFigures]
    /// The same figures for the period of the same length just before (for trends).
    public var previousChannels: [ChannelFigures]
    /// Inbound messages per time bucket and channel.
    public var volume: [VolumeBucket]
    /// The buckets' length: an hour for periods up to three days, else a day.
    public var bucketSeconds: Int
    public var customers: CustomerCounts
    /// Outcomes of the tickets opened in the period, per channel.
    public var outcomes: [TicketOutcomes]
    /// Tickets escalated for each reason (a ticket escalated for two reasons counts under both).
    public var escalationReasons: [ReasonCount]
    public var responseTimes: [ResponseTimes]
    /// The tickets whose customer wrote the most negative messages of the period.
    public var negativeTickets: [NegativeTicket]
    /// Questions the knowledge base could not answer, grouped.
    public var knowledgeGaps: KnowledgeGapReport
    public var models: [ModelUsage]

    public init(
        period: ReportPeriod, generatedAt: Date, reopenWindowHours: Double, channels: [ChannelFigures],
        previousChannels: [ChannelFigures], volume: [VolumeBucket], bucketSeconds: Int, customers: CustomerCounts,
        outcomes: [TicketOutcomes], escalationReasons: [ReasonCount], responseTimes: [ResponseTimes],
        negativeTickets: [NegativeTicket], knowledgeGaps: KnowledgeGapReport, models: [ModelUsage]
    ) {
        self.period = period
        self.generatedAt = generatedAt
        self.reopenWindowHours = reopenWindowHours
        self.channels = channels
        self.previousChannels = previousChannels
        self.volume = volume
        self.bucketSeconds = bucketSeconds
        self.customers = customers
        self.outcomes = outcomes
        self.escalationReasons = escalationReasons
        self.responseTimes = responseTimes
        self.negativeTickets = negativeTickets
        self.knowledgeGaps = knowledgeGaps
        self.models = models
    }

    /// The outcomes of all channels together.
    public var totalOutcomes: TicketOutcomes { outcomes.reduce(TicketOutcomes(channel: nil)) { $0 + $1 } }

    /// Inbound messages of all channels.
    public var inboundMessages: Int { channels.reduce(0) { $0 + $1.messages } }

    /// The average sentiment of all scored inbound messages, now and in the previous period.
    public var averageSentiment: (current: Double?, previous: Double?) {
        (Self.average(channels), Self.average(previousChannels))
    }

    /// Whether the period had no inbound message and no ticket.
    public var isEmpty: Bool { inboundMessages == 0 && totalOutcomes.tickets == 0 }

    static func average(_ figures: [ChannelFigures]) -> Double? {
        let scored = figures.reduce(0) { $0 + $1.scored }
        guard scored > 0 else { return nil }
        return figures.reduce(0.0) { $0 + ($1.averageSentiment ?? 0) * Double($1.scored) } / Double(scored)
    }
}

/// Inbound messages of one channel in one time bucket.
public struct VolumeBucket: Sendable, Codable, Equatable {
    public var startsAt: Date
    public var channel: Channel
    public var messages: Int
}

/// The customers who wrote in the period.
public struct CustomerCounts: Sendable, Codable, Equatable {
    /// Customers with an inbound message in the period.
    public var active: Int
    /// Those first seen in the period.
    public var new: Int
    /// Those seen before it.
    public var returning: Int { active - new }
    /// Those who wrote on more than one channel in the period.
    public var multiChannel: Int

    public init(active: Int, new: Int, multiChannel: Int) {
        self.active = active
        self.new = new
        self.multiChannel = multiChannel
    }

    enum CodingKeys: String, CodingKey { case active, new, returning, multiChannel }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        active = try c.decode(Int.self, forKey: .active)
        new = try c.decode(Int.self, forKey: .new)
        multiChannel = try c.decode(Int.self, forKey: .multiChannel)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(active, forKey: .active)
        try c.encode(new, forKey: .new)
        try c.encode(returning, forKey: .returning)
        try c.encode(multiChannel, forKey: .multiChannel)
    }
}

/// What became of the tickets opened in the period. Each ticket is in exactly one of
/// ``answeredByAgent``, ``escalatedWaiting``, ``resolvedByHuman`` and ``open``.
public struct TicketOutcomes: Sendable, Codable, Equatable {
    /// `nil` for all channels together.
    public var channel: Channel?
    /// Tickets opened in the period.
    public var tickets: Int = 0
    /// Answered by the agent (model or built-in responder), never escalated, no human reply.
    public var answeredByAgent: Int = 0
    /// Escalated and not resolved yet.
    public var escalatedWaiting: Int = 0
    /// Resolved by a person (after an escalation or not).
    public var resolvedByHuman: Int = 0
    /// Not answered yet (or answered by a person without resolving it).
    public var open: Int = 0
    /// Escalated at least once, resolved since or not.
    public var escalated: Int = 0
    /// Answered by the agent, and the customer wrote again within the reopen window.
    public var reopened: Int = 0
    /// Answered by the agent and not reopened.
    public var automated: Int = 0
    /// Of ``automated``: answered less than the reopen window ago, so not final yet.
    public var withinReopenWindow: Int = 0

    public init(channel: Channel?) {
        self.channel = channel
    }

    /// Automated / tickets: the share of conversations the agent resolved for good.
    public var automationRate: Double? { tickets > 0 ? Double(automated) / Double(tickets) : nil }
    /// Reopened / answered by the agent.
    public var reopenRate: Double? { answeredByAgent > 0 ? Double(reopened) / Double(answeredByAgent) : nil }
    /// Escalated / tickets.
    public var escalationRate: Double? { tickets > 0 ? Double(escalated) / Double(tickets) : nil }

    static func + (lhs: TicketOutcomes, rhs: TicketOutcomes) -> TicketOutcomes {
        var sum = TicketOutcomes(channel: nil)
        sum.tickets = lhs.tickets + rhs.tickets
        sum.answeredByAgent = lhs.answeredByAgent + rhs.answeredByAgent
        sum.escalatedWaiting = lhs.escalatedWaiting + rhs.escalatedWaiting
        sum.resolvedByHuman = lhs.resolvedByHuman + rhs.resolvedByHuman
        sum.open = lhs.open + rhs.open
        sum.escalated = lhs.escalated + rhs.escalated
        sum.reopened = lhs.reopened + rhs.reopened
        sum.automated = lhs.automated + rhs.automated
        sum.withinReopenWindow = lhs.withinReopenWindow + rhs.withinReopenWindow
        return sum
    }

    enum CodingKeys: String, CodingKey {
        case channel, tickets, answeredByAgent, escalatedWaiting, resolvedByHuman, open, escalated, reopened, automated
        case withinReopenWindow, automationRate, reopenRate, escalationRate
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel)
        tickets = try c.decode(Int.self, forKey: .tickets)
        answeredByAgent = try c.decode(Int.self, forKey: .answeredByAgent)
        escalatedWaiting = try c.decode(Int.self, forKey: .escalatedWaiting)
        resolvedByHuman = try c.decode(Int.self, forKey: .resolvedByHuman)
        open = try c.decode(Int.self, forKey: .open)
        escalated = try c.decode(Int.self, forKey: .escalated)
        reopened = try c.decode(Int.self, forKey: .reopened)
        automated = try c.decode(Int.self, forKey: .automated)
        withinReopenWindow = try c.decode(Int.self, forKey: .withinReopenWindow)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channel, forKey: .channel)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(answeredByAgent, forKey: .answeredByAgent)
        try c.encode(escalatedWaiting, forKey: .escalatedWaiting)
        try c.encode(resolvedByHuman, forKey: .resolvedByHuman)
        try c.encode(open, forKey: .open)
        try c.encode(escalated, forKey: .escalated)
        try c.encode(reopened, forKey: .reopened)
        try c.encode(automated, forKey: .automated)
        try c.encode(withinReopenWindow, forKey: .withinReopenWindow)
        try c.encode(automationRate, forKey: .automationRate)
        try c.encode(reopenRate, forKey: .reopenRate)
        try c.encode(escalationRate, forKey: .escalationRate)
    }
}

/// Tickets escalated for one reason.
public struct ReasonCount: Sendable, Codable, Equatable {
    /// The stored code, e.g. `pricing_inquiry` (``EscalationReason``, or `manual`).
    public var reason: String
    public var tickets: Int

    public init(reason: String, tickets: Int) {
        self.reason = reason
        self.tickets = tickets
    }
}

/// The median and 90th percentile of durations, seconds, and how many there were.
public struct DurationSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var p50: Double?
    public var p90: Double?

    public init(count: Int, p50: Double?, p90: Double?) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
    }
}

/// How fast customers of one channel heard back (tickets opened in the period).
public struct ResponseTimes: Sendable, Codable, Equatable {
    public var channel: Channel
    /// Opening message → first reply delivered, whoever wrote it.
    public var firstResponse: DurationSummary
    /// Opening message → first reply written by the agent delivered.
    public var agent: DurationSummary
    /// Opening message → first reply written by a person delivered.
    public var human: DurationSummary
    /// First escalation → resolved by a person.
    public var humanHandling: DurationSummary
}

/// A ticket with one of the period's most negative messages.
public struct NegativeTicket: Sendable, Codable, Equatable {
    public var ticketID: UUID
    public var channel: Channel
    /// The message's sentiment, 0–1.
    public var score: Double
    /// Its first words, personal data masked.
    public var excerpt: String
}

/// One model's calls in the period.
public struct ModelUsage: Sendable, Codable, Equatable {
    /// The model that wrote the replies; `(failed)` for calls whose reply the built-in responder
    /// wrote after the model failed.
    public var model: String
    /// Replies that called it.
    public var replies: Int
    /// Chat-completion requests (known for replies stored since migration 19).
    public var calls: Int
    public var tokens: Int
    /// One call's latency, milliseconds.
    public var callP50: Double?
    public var callP95: Double?
    /// The wait for the model per reply (all its calls), milliseconds.
    public var replyWaitP50: Double?
    public var replyWaitP95: Double?
}
