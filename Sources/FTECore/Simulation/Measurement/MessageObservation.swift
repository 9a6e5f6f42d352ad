/// What the simulator saw of one planned message: when it was delivered and acknowledged, and
/// what the system made of it. Times are real seconds since the run started.
public struct MessageObservation: Sendable, Equatable {
    public var planned: PlannedMessage
    /// The first delivery attempt.
    public var firstAttempt: Double
    /// The first 2xx from the gateway; `nil` when it never came.
    public var acknowledged: Double?
    /// What the database holds for it; `nil` when the message was never stored.
    public var outcome: MessageOutcome?

    public init(planned: PlannedMessage, firstAttempt: Double, acknowledged: Double?, outcome: MessageOutcome?) {
        self.planned = planned
        self.firstAttempt = firstAttempt
        self.acknowledged = acknowledged
        self.outcome = outcome
    }
}

/// The stored result of one inbound message.
public struct MessageOutcome: Sendable, Equatable {
    /// The customer it was filed under.
    public var customerID: String
    /// Replies stored for it (1 when all is well).
    public var replies: Int
    /// When the reply (or escalation notice) was stored.
    public var replyStoredAt: Double?
    /// `model`, `builtin` or `human`.
    public var answeredBy: String?
    /// Escalation reasons of its ticket; empty when not escalated.
    public var escalationReasons: [String]
    /// When the provider accepted the reply (the outbox row was marked sent).
    public var deliveredAt: Double?
    /// The outbox gave up on the reply.
    public var deliveryFailed: Bool
    /// Tokens the reply reports.
    public var tokens: Int

    public init(
        customerID: String, replies: Int, replyStoredAt: Double?, answeredBy: String?, escalationReasons: [String],
        deliveredAt: Double?, deliveryFailed: Bool, tokens: Int
    ) {
        self.customerID = customerID
        self.replies = replies
        self.replyStoredAt = replyStoredAt
        self.answeredBy = answeredBy
        self.escalationReasons = escalationReasons
        self.deliveredAt = deliveredAt
        self.deliveryFailed = deliveryFailed
        self.tokens = tokens
    }

    /// Escalated (by a trigger, the model or the outbox).
    public var escalated: Bool { !escalationReasons.isEmpty }
}
