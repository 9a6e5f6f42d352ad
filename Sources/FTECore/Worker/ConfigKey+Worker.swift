extension ConfigKey {
    /// Events one worker processes at once.
    public static let workerConcurrency = ConfigKey(
        "FTE_WORKER_CONCURRENCY", "messages one fte work process handles at once (default 200)")
    /// The most events one worker takes from the queue at a time.
    public static let workerTakeLimit = ConfigKey(
        "FTE_WORKER_TAKE_LIMIT", "most events one fte work takes from the queue at a time; small takes spread bursts over the workers (default 16)")
    /// Attempts before an event goes to the dead letters.
    public static let workerMaxAttempts = ConfigKey(
        "FTE_WORKER_MAX_ATTEMPTS", "attempts before a failing event goes to the dead letters, fte.dlq (default 5)")
    /// How long a PostgreSQL-queue event stays leased to one worker.
    public static let workerLeaseSeconds = ConfigKey(
        "FTE_WORKER_LEASE_SECONDS", "seconds an event of the PostgreSQL queue stays leased to a worker that stopped renewing it before another may take it (default 30)")
    /// The longest time the agent may spend on one message.
    public static let agentTimeoutSeconds = ConfigKey(
        "FTE_AGENT_TIMEOUT_SECONDS", "seconds the model may spend on one message before the built-in responder answers (default 60)")
    /// What customers are told about a human's reply time.
    public static let humanReplyETA = ConfigKey(
        "FTE_HUMAN_REPLY_ETA", "when a person answers an escalated conversation, in words (default \"within one business day\")")
    /// Delivery attempts before a reply is marked failed.
    public static let outboxMaxAttempts = ConfigKey(
        "FTE_OUTBOX_MAX_ATTEMPTS", "delivery attempts before a reply is marked failed and its ticket escalated (default 8)")
    /// The longest wait between two delivery attempts.
    public static let outboxMaxRetrySeconds = ConfigKey(
        "FTE_OUTBOX_MAX_RETRY_SECONDS", "longest wait between two delivery attempts of a reply, seconds (default 30)")
    /// How long a provider's open circuit refuses sends before one trial send.
    public static let outboxBreakerOpenSeconds = ConfigKey(
        "FTE_OUTBOX_BREAKER_OPEN_SECONDS", "seconds a provider that failed 5 times in a row is left alone before a trial send (default 5)")
    /// How long a reply being sent is reserved for its attempt.
    public static let outboxLeaseSeconds = ConfigKey(
        "FTE_OUTBOX_LEASE_SECONDS",
        "seconds a reply being sent is reserved for one attempt; a sender killed mid-send is reconciled after it (default 60; keep it above the longest send)")
    /// The port of `fte work`'s probes and metrics.
    public static let workerPort = ConfigKey(
        "FTE_WORKER_PORT", "port fte work serves /health, /ready and /metrics on; 0 turns them off (default 9091)")
    /// How long a silent worker loop may be before the liveness probe fails.
    public static let workerStallSeconds = ConfigKey(
        "FTE_WORKER_STALL_SECONDS", "seconds a worker loop may stay silent before GET /health fails and the process counts as stuck (default 120)")
    /// How often the worker measures its queue backlog, outbox and breakers for /metrics.
    public static let workerSampleSeconds = ConfigKey(
        "FTE_WORKER_SAMPLE_SECONDS", "seconds between two measurements of the queue backlog, the outbox and the circuit breakers for /metrics (default 10)")
    /// The built-in responder's confidence threshold.
    public static let builtinMinSimilarity = ConfigKey(
        "FTE_BUILTIN_MIN_SIMILARITY", "cosine similarity above which the built-in responder trusts a passage, 0–1 (default 0.5)")
    /// Whether the learned escalation scorer takes part beside the word rules.
    public static let escalationScorer = ConfigKey(
        "FTE_ESCALATION_SCORER",
        "true: the learned scorer may add or veto the word rules' escalation reasons (one local embedding per message); false: the rules decide alone (default true)")
}

/// `fte work`'s settings from the environment (flags of the command win).
public struct WorkerConfiguration: Sendable {
    public var worker = QueueWorker.Settings()
    public var lease: Duration = .seconds(30)
    public var agentTimeout: Duration = .seconds(60)
    public var escalationETA = EscalationNotice.defaultETA
    public var builtinMinimumSimilarity = BuiltinResponder.defaultMinimumSimilarity
    /// Search queries whose vectors are remembered (``CachingEmbedder``); 0 turns it off.
    public var queryCacheSize = 4_096
    /// Whether ``EscalationScorer`` takes part in the escalation check (else the rules alone).
    public var escalationScorer = true
    public var outbox = OutboxDispatcher.Settings()
    public var probes = WorkerService.Probes()

    public init() {}

    /// Reads the `FTE_WORKER_*` (but `FTE_WORKER_PORT`: the command's), `FTE_AGENT_*`, `FTE_OUTBOX_*`, `FTE_HUMAN_REPLY_ETA`,
    /// `FTE_BUILTIN_MIN_SIMILARITY`, `FTE_ESCALATION_SCORER` and `FTE_EMBED_CACHE_SIZE` settings.
    /// - Throws: ``ConfigError`` naming a setting with an unusable value.
    public static func fromEnvironment(_ environment: [String: String], concurrencyFlag: Int? = nil) throws -> WorkerConfiguration {
        var configuration = WorkerConfiguration()
        configuration.worker.concurrency = try ConfigKey.workerConcurrency.integer(
            flag: concurrencyFlag, environment: environment, default: configuration.worker.concurrency, in: 1...10_000)
        configuration.worker.takeLimit = try ConfigKey.workerTakeLimit.integer(
            environment: environment, default: configuration.worker.takeLimit, in: 1...10_000)
        configuration.worker.maxAttempts = try ConfigKey.workerMaxAttempts.integer(
            environment: environment, default: configuration.worker.maxAttempts, in: 1...100)
        configuration.lease = .seconds(try ConfigKey.workerLeaseSeconds.integer(environment: environment, default: 30, in: 1...86_400))
        configuration.agentTimeout = .seconds(try ConfigKey.agentTimeoutSeconds.integer(environment: environment, default: 60, in: 1...3_600))
        configuration.outbox.maxAttempts = try ConfigKey.outboxMaxAttempts.integer(
            environment: environment, default: configuration.outbox.maxAttempts, in: 1...100)
        configuration.outbox.backoff = Backoff(
            initial: configuration.outbox.backoff.initial,
            maximum: .seconds(try ConfigKey.outboxMaxRetrySeconds.integer(environment: environment, default: 30, in: 1...86_400)))
        configuration.outbox.lease = .seconds(
            try ConfigKey.outboxLeaseSeconds.integer(environment: environment, default: 60, in: 1...3_600))
        configuration.outbox.breaker.openDuration = .seconds(
            try ConfigKey.outboxBreakerOpenSeconds.integer(environment: environment, default: 5, in: 1...3_600))
        configuration.probes.stallLimit = .seconds(
            try ConfigKey.workerStallSeconds.integer(environment: environment, default: 120, in: 5...86_400))
        configuration.probes.sampleInterval = .seconds(
            try ConfigKey.workerSampleSeconds.integer(environment: environment, default: 10, in: 1...3_600))
        configuration.queryCacheSize = try ConfigKey.embedCacheSize.integer(
            environment: environment, default: configuration.queryCacheSize, in: 0...1_000_000)
        configuration.escalationScorer = try ConfigKey.escalationScorer.boolean(environment: environment, default: true)
        if let eta = ConfigKey.humanReplyETA.resolve(flag: nil, environment: environment) { configuration.escalationETA = eta }
        if let text = ConfigKey.builtinMinSimilarity.resolve(flag: nil, environment: environment) {
            guard let value = Double(text), (0...1).contains(value) else {
                throw ConfigError("\(ConfigKey.builtinMinSimilarity.name) must be a number from 0 to 1 (got \(text))")
            }
            configuration.builtinMinimumSimilarity = value
        }
        return configuration
    }
}
