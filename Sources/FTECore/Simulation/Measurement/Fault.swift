/// A fault the simulator injects.
public enum FaultKind: String, Sendable, Codable, CaseIterable {
    /// SIGKILL of an `fte work` process, restarted at once (a pod kill).
    case workerKill = "worker_kill"
    /// SIGKILL of an `fte serve` process, restarted at once.
    case gatewayKill = "gateway_kill"
    /// The model answers every request with 503.
    case llmOutage = "llm_outage"
    /// The model answers slowly.
    case llmSlowdown = "llm_slowdown"
    /// Twilio's Messages API answers 503.
    case twilioOutage = "twilio_outage"
    /// Gmail's API answers 503 (sync and send).
    case gmailOutage = "gmail_outage"
    /// One Kafka broker is down (with `--kafka` on the hosted mock cluster).
    case kafkaBrokerDown = "kafka_broker_down"
    /// Every database connection is dropped (or the configured restart command runs).
    case databaseRestart = "database_restart"
    /// SIGKILL of the `fte work` process sending a reply, after the provider (Twilio or Gmail)
    /// accepted the message and before the sender learnt it: the outbox must reconcile, neither
    /// sending twice nor escalating "delivery outcome unknown".
    case midSendKill = "mid_send_kill"

    /// Whether the fault is a process kill (counted against "≥ 12 kills").
    public var isProcessKill: Bool { self == .workerKill || self == .gatewayKill }
}

/// One injected fault, when it happened, and what it did.
public struct FaultRecord: Sendable, Codable, Equatable {
    public var kind: FaultKind
    /// What it hit: `work-2`, `serve-1`, `llm`, `twilio`, `broker 2`, `database`.
    public var target: String
    /// Simulated seconds since the start of the day.
    public var startsAt: Double
    /// Simulated seconds since the start of the day when it ended (equal to `startsAt` for a
    /// kill, whose restart is immediate).
    public var endsAt: Double
    /// What the fault did, measured on the messages acknowledged while it lasted and shortly
    /// after; `nil` until measured.
    public var effect: FaultEffect?

    public init(kind: FaultKind, target: String, startsAt: Double, endsAt: Double, effect: FaultEffect? = nil) {
        self.kind = kind
        self.target = target
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.effect = effect
    }
}

/// The latency around a fault compared with the whole day.
public struct FaultEffect: Sendable, Codable, Equatable {
    /// Messages acknowledged in the fault's window (plus the recovery margin).
    public var messages: Int
    /// p95 processing latency of those messages, seconds.
    public var processingP95: Double?
    /// p95 delivery latency of their replies, seconds.
    public var deliveryP95: Double?
    /// A sentence for people: what happened (restart time, retries, fallbacks).
    public var note: String

    public init(messages: Int, processingP95: Double?, deliveryP95: Double?, note: String) {
        self.messages = messages
        self.processingP95 = processingP95
        self.deliveryP95 = deliveryP95
        self.note = note
    }
}
