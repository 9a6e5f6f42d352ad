/// Figures the report derives from a ``SimulationResult`` (computed, nothing stored).
extension SimulationResult {
    /// The simulated seconds the charts span: the planned day, stretched to cover every bucket,
    /// sample and fault (at least one minute).
    var reportDayLength: Double {
        let ends = [setup.hours * 3600]
            + timeline.map { $0.startsAt + $0.length }
            + samples.map(\.at)
            + faults.map { Swift.max($0.startsAt, $0.endsAt) }
        return Swift.max(60, ends.filter(\.isFinite).max() ?? 0)
    }

    /// The whole day's percentiles of one latency over every channel.
    func dayLatency(_ latency: LatencyKind) -> LatencySummary {
        LatencySummary(of: samples.compactMap { latency.value(of: $0) }.filter(\.isFinite))
    }

    /// Every channel's counts added up (percentiles from the samples of all channels).
    var channelTotals: ChannelMeasurements {
        ChannelMeasurements(
            channel: .email, sent: channels.map(\.sent).reduce(0, +),
            acknowledged: channels.map(\.acknowledged).reduce(0, +), answered: channels.map(\.answered).reduce(0, +),
            escalated: channels.map(\.escalated).reduce(0, +), lost: channels.map(\.lost).reduce(0, +),
            duplicateReplies: channels.map(\.duplicateReplies).reduce(0, +),
            deliveryFailures: channels.map(\.deliveryFailures).reduce(0, +),
            acknowledgement: dayLatency(.acknowledgement), processing: dayLatency(.processing),
            delivery: dayLatency(.delivery))
    }

    /// `(reason, count)` by count, most frequent first, then by name.
    var sortedEscalationReasons: [(reason: String, count: Int)] {
        escalationReasons.map { (reason: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }

    /// `(who, count)` by count, most frequent first, then by name.
    var sortedAnsweredBy: [(who: String, count: Int)] {
        answeredBy.map { (who: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.who < $1.who }
    }

    /// The threshold of the first per-channel processing p95 objective, for the latency chart.
    var processingThreshold: Double? {
        objectives.first { $0.name.hasPrefix("processing_p95") && $0.unit == "s" }?.threshold
    }
}

/// The three latencies the simulator measures per message.
enum LatencyKind: CaseIterable {
    case acknowledgement, processing, delivery

    var title: String {
        switch self {
        case .acknowledgement: "Acknowledgement"
        case .processing: "Processing"
        case .delivery: "Delivery"
        }
    }

    /// What it measures, for captions.
    var span: String {
        switch self {
        case .acknowledgement: "first delivery attempt → gateway 2xx"
        case .processing: "acknowledged → reply ready"
        case .delivery: "reply ready → accepted by the provider"
        }
    }

    func value(of sample: LatencySample) -> Double? {
        switch self {
        case .acknowledgement: sample.acknowledgement
        case .processing: sample.processing
        case .delivery: sample.delivery
        }
    }

    func summary(of channel: ChannelMeasurements) -> LatencySummary {
        switch self {
        case .acknowledgement: channel.acknowledgement
        case .processing: channel.processing
        case .delivery: channel.delivery
        }
    }
}

extension FaultKind {
    /// The fault's name in prose: "worker kill", "LLM outage".
    public var displayName: String {
        switch self {
        case .workerKill: "worker kill"
        case .gatewayKill: "gateway kill"
        case .llmOutage: "LLM outage"
        case .llmSlowdown: "LLM slowdown"
        case .twilioOutage: "Twilio outage"
        case .gmailOutage: "Gmail outage"
        case .kafkaBrokerDown: "Kafka broker down"
        case .databaseRestart: "database restart"
        case .midSendKill: "mid-send worker kill"
        }
    }
}

extension FaultRecord {
    /// Simulated seconds it lasted (0 for a kill).
    var duration: Double { Swift.max(0, endsAt - startsAt) }

    /// Whether it is drawn as a band (it lasted) rather than a line (a kill: restart is immediate).
    var isWindow: Bool { duration > 0 }

    /// `02:00 worker kill (work-2)`.
    var label: String { "\(ReportFormat.clock(startsAt)) \(kind.displayName) (\(target))" }

    /// The label with how long it lasted and its note, for tooltips.
    var tooltip: String {
        var text = label + ", " + ReportFormat.span(duration)
        if let effect { text += ": " + effect.note }
        return text
    }
}
