import Metrics

/// Records what `fte work` does as swift-metrics metrics: one call per event, so the domain code
/// carries no metric plumbing. Whoever bootstraps the metrics system decides where they go
/// (`fte work --port` and `fte serve` export them at `GET /metrics`); unbootstrapped, the calls
/// do nothing. Names and labels are listed in docs/operations.md.
public struct WorkerMetrics: Sendable {
    /// Latency buckets for the histograms here, by metric name: replies take from milliseconds
    /// (the built-in responder) to a minute (a slow model), beyond the exporter's 10 s default.
    public static let durationBuckets: [String: [Duration]] = {
        let buckets: [Duration] = [
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(20),
            .seconds(30), .seconds(60),
        ]
        return [Name.processing: buckets, Name.model: buckets]
    }()

    enum Name {
        static let messages = "fte_worker_messages_total"
        static let processing = "fte_worker_processing_seconds"
        static let model = "fte_llm_request_seconds"
        static let modelCalls = "fte_llm_requests_total"
        static let tokens = "fte_llm_tokens_total"
        static let deadLetters = "fte_worker_dead_letters_total"
        static let ready = "fte_worker_ready"
        static let deliveries = "fte_outbox_deliveries_total"
        static let pending = "fte_outbox_pending"
        static let breaker = "fte_outbox_circuit_state"
        static let queueDepth = "fte_queue_depth"
        static let queueOldest = "fte_queue_oldest_event_age_seconds"
        static let kafkaLag = "fte_kafka_consumer_lag"
    }

    public init() {}

    // MARK: - Messages

    /// A message got its reply or escalation: counted by channel and outcome (`answered`, or
    /// `escalated` with its reason), its processing time and the model's share of it recorded.
    public func messageHandled(channel: Channel, outcome: AgentOutcome, processingTime: Duration) {
        let escalation = outcome.escalation?.reason.rawValue
        Counter(label: Name.messages, dimensions: [
            ("channel", channel.rawValue), ("outcome", escalation == nil ? "answered" : "escalated"),
            ("reason", escalation ?? ""),
        ]).increment()
        Timer(label: Name.processing, dimensions: [("channel", channel.rawValue)]).record(duration: processingTime)
        // The model was asked: it answered, or it failed and the built-in responder stepped in.
        if let modelTime = outcome.modelTime {
            Timer(label: Name.model, dimensions: []).record(duration: modelTime)
            Counter(label: Name.modelCalls, dimensions: [("outcome", outcome.author == .model ? "ok" : "failed")]).increment()
        }
        if let tokens = outcome.tokens, tokens > 0 {
            Counter(label: Name.tokens, dimensions: []).increment(by: tokens)
        }
    }

    /// Processing a message failed; it is retried, or dead-lettered after its last attempt.
    /// - Parameter channel: `nil` when the event could not even be decoded.
    public func messageFailed(channel: Channel?) {
        Counter(label: Name.messages, dimensions: [
            ("channel", channel?.rawValue ?? "unknown"), ("outcome", "failed"), ("reason", ""),
        ]).increment()
    }

    /// An event went to the dead letters (`event_dead_letters`, `fte.dlq`).
    public func deadLettered() {
        Counter(label: Name.deadLetters, dimensions: []).increment()
    }

    /// Whether the worker's readiness probe passes (1) or not (0), as last measured.
    public func ready(_ ready: Bool) {
        Gauge(label: Name.ready, dimensions: []).record(ready ? 1 : 0)
    }

    // MARK: - Outbox

    /// How an outbox delivery attempt ended.
    public enum DeliveryOutcome: String, Sendable {
        /// The provider took the reply.
        case delivered
        /// It failed and will be tried again.
        case retried
        /// It failed for good: the reply is marked failed and its ticket escalated.
        case failed
    }

    /// One delivery attempt of a reply through `channel`'s provider ended.
    public func delivery(_ outcome: DeliveryOutcome, channel: Channel) {
        Counter(label: Name.deliveries, dimensions: [("provider", Self.provider(channel)), ("outcome", outcome.rawValue)])
            .increment()
    }

    /// Replies waiting in the outbox (pending or being sent), by channel; channels absent have none.
    public func outboxPending(_ pending: [Channel: Int]) {
        for channel in Channel.allCases {
            Gauge(label: Name.pending, dimensions: [("provider", Self.provider(channel))]).record(pending[channel] ?? 0)
        }
    }

    /// The circuit breaker of `channel`'s provider: 0 closed, 1 half-open (a trial send), 2 open.
    public func circuit(_ state: CircuitBreaker.State, channel: Channel) {
        let value = switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
        Gauge(label: Name.breaker, dimensions: [("provider", Self.provider(channel))]).record(value)
    }

    // MARK: - Queue

    /// The queue's backlog as last measured.
    public func backlog(_ backlog: QueueBacklog) {
        switch backlog {
        case .postgres(let depth, let oldestAgeSeconds):
            Gauge(label: Name.queueDepth, dimensions: [("backend", "postgres")]).record(depth)
            Gauge(label: Name.queueOldest, dimensions: [("backend", "postgres")]).record(oldestAgeSeconds)
        case .kafka(let lag):
            for (partition, records) in lag {
                Gauge(label: Name.kafkaLag, dimensions: [("topic", partition.topic), ("partition", String(partition.partition))])
                    .record(records)
            }
        }
    }

    /// The provider a channel's replies leave through: `gmail`, `twilio`, or `web` (web replies
    /// are stored for the status page, and e-mailed through Gmail when it is configured).
    static func provider(_ channel: Channel) -> String {
        switch channel {
        case .email: "gmail"
        case .whatsapp: "twilio"
        case .webForm: "web"
        }
    }
}
