/// Turns a run's evidence into measurements, objectives and a verdict.
public enum SimulationScorer {
    /// Simulated seconds after a fault during which its messages count as affected by it.
    public static let recoveryMargin = 900.0

    public static func score(_ evidence: SimulationEvidence) -> SimulationResult {
        let acked = evidence.observations.filter { $0.acknowledged != nil }
        let channels = Channel.allCases.map { channel in
            measure(channel, evidence.observations.filter { $0.planned.channel == channel },
                    providerDuplicates: evidence.providerDuplicates[channel] ?? 0)
        }
        let escalated = acked.filter { $0.outcome?.escalated == true }
        let correct = acked.filter { ($0.planned.expectedEscalation != nil) == ($0.outcome?.escalated == true) }
        var reasons: [String: Int] = [:]
        var answeredBy: [String: Int] = [:]
        for observation in acked {
            observation.outcome?.escalationReasons.forEach { reasons[$0, default: 0] += 1 }
            if let by = observation.outcome?.answeredBy { answeredBy[by, default: 0] += 1 }
        }
        let (multiChannel, identified) = crossChannelIdentification(evidence.observations)
        let lost = channels.reduce(0) { $0 + $1.lost }
        let duplicates = channels.reduce(0) { $0 + $1.duplicateReplies }
        let uptime = evidence.probes > 0 ? Double(evidence.probesAnswered) / Double(evidence.probes) : 0
        let escalationRate = acked.isEmpty ? 0 : Double(escalated.count) / Double(acked.count)
        let correctness = acked.isEmpty ? 0 : Double(correct.count) / Double(acked.count)
        let accuracy = multiChannel == 0 ? 1 : Double(identified) / Double(multiChannel)
        let samples = acked.map(sample).sorted { $0.at < $1.at }
        let result = SimulationResult(
            setup: evidence.setup, startedAt: evidence.startedAt, wallSeconds: evidence.wallSeconds,
            uptime: uptime, probes: evidence.probes, channels: channels, escalationRate: escalationRate,
            escalationCorrectness: correctness, escalationReasons: reasons, crossChannelAccuracy: accuracy,
            multiChannelPeople: multiChannel, lostMessages: lost, duplicateReplies: duplicates,
            deliveryOutcomeUnknown: evidence.deliveryOutcomeUnknown, redeliveries: evidence.redeliveries, llmCalls: evidence.llmCalls,
            llmTokens: acked.reduce(0) { $0 + ($1.outcome?.tokens ?? 0) }, answeredBy: answeredBy,
            processKills: evidence.faults.filter(\.kind.isProcessKill).count,
            faults: evidence.faults.map { effect(of: $0, on: samples) },
            timeline: timeline(evidence.observations, hours: evidence.setup.hours),
            samples: samples, objectives: [])
        var scored = result
        scored.objectives = objectives(result, thresholds: evidence.thresholds)
        return scored
    }

    private static func measure(_ channel: Channel, _ observations: [MessageObservation], providerDuplicates: Int)
        -> ChannelMeasurements {
        let acked = observations.filter { $0.acknowledged != nil }
        let outcomes = acked.compactMap(\.outcome)
        let handled = outcomes.filter { $0.replies > 0 || $0.escalated }
        return ChannelMeasurements(
            channel: channel, sent: observations.count, acknowledged: acked.count,
            answered: outcomes.filter { $0.replies > 0 && !$0.escalated }.count,
            escalated: outcomes.filter(\.escalated).count,
            lost: acked.count - handled.count,
            duplicateReplies: outcomes.reduce(0) { $0 + max(0, $1.replies - 1) } + providerDuplicates,
            deliveryFailures: outcomes.filter(\.deliveryFailed).count,
            acknowledgement: LatencySummary(of: acked.compactMap { observation in observation.acknowledged.map { $0 - observation.firstAttempt } }),
            processing: LatencySummary(of: acked.compactMap(processing)),
            delivery: LatencySummary(of: acked.compactMap(delivery)))
    }

    private static func processing(_ observation: MessageObservation) -> Double? {
        guard let acked = observation.acknowledged, let stored = observation.outcome?.replyStoredAt else { return nil }
        return max(0, stored - acked)
    }

    private static func delivery(_ observation: MessageObservation) -> Double? {
        guard let stored = observation.outcome?.replyStoredAt, let delivered = observation.outcome?.deliveredAt else { return nil }
        return max(0, delivered - stored)
    }

    private static func sample(_ observation: MessageObservation) -> LatencySample {
        LatencySample(
            at: observation.planned.at, channel: observation.planned.channel,
            acknowledgement: (observation.acknowledged ?? observation.firstAttempt) - observation.firstAttempt,
            processing: processing(observation), delivery: delivery(observation))
    }

    /// People who wrote on several channels, and how many of them landed on exactly one customer
    /// that holds nobody else's messages.
    static func crossChannelIdentification(_ observations: [MessageObservation]) -> (people: Int, identified: Int) {
        let stored = observations.filter { $0.outcome != nil }
        let byPersona = Dictionary(grouping: stored, by: \.planned.persona)
        let personasOfCustomer = Dictionary(grouping: stored, by: { $0.outcome!.customerID })
            .mapValues { Set($0.map(\.planned.persona)) }
        var people = 0
        var identified = 0
        for (_, messages) in byPersona where Set(messages.map(\.planned.channel)).count > 1 {
            people += 1
            let customers = Set(messages.map { $0.outcome!.customerID })
            if customers.count == 1, personasOfCustomer[customers.first!]?.count == 1 { identified += 1 }
        }
        return (people, identified)
    }

    private static func effect(of fault: FaultRecord, on samples: [LatencySample]) -> FaultRecord {
        let window = fault.startsAt...(fault.endsAt + recoveryMargin)
        let affected = samples.filter { window.contains($0.at) }
        var scored = fault
        scored.effect = FaultEffect(
            messages: affected.count,
            processingP95: LatencySummary(of: affected.compactMap(\.processing)).p95,
            deliveryP95: LatencySummary(of: affected.compactMap(\.delivery)).p95,
            note: fault.effect?.note ?? "")
        return scored
    }

    private static func timeline(_ observations: [MessageObservation], hours: Double) -> [TimelineBucket] {
        let length = hours > 48 ? 7200.0 : hours > 6 ? 3600 : 900
        let count = max(1, Int((hours * 3600 / length).rounded(.up)))
        return (0..<count).map { index in
            let start = Double(index) * length
            let inBucket = observations.filter { $0.planned.at >= start && $0.planned.at < start + length }
            var messages: [String: Int] = [:]
            inBucket.forEach { messages[$0.planned.channel.rawValue, default: 0] += 1 }
            return TimelineBucket(
                startsAt: start, length: length, messages: messages,
                processingP95: LatencySummary(of: inBucket.compactMap(processing)).p95)
        }
    }

    static func objectives(_ result: SimulationResult, thresholds: ObjectiveThresholds) -> [ObjectiveResult] {
        var objectives = [
            ObjectiveResult(
                name: "uptime", summary: "gateway uptime from health probes (any replica answering)",
                measured: result.probes > 0 ? result.uptime * 100 : nil, comparison: .above,
                threshold: thresholds.uptime * 100, unit: "%")
        ]
        for channel in result.channels where channel.sent > 0 {
            objectives.append(ObjectiveResult(
                name: "processing_p95_\(channel.channel.rawValue)",
                summary: "p95 processing latency on \(channel.channel.rawValue) (acknowledged → reply stored, model included)",
                measured: channel.processing.p95, comparison: .below, threshold: thresholds.processingP95, unit: "s"))
        }
        for channel in result.channels where channel.sent > 0 {
            objectives.append(ObjectiveResult(
                name: "delivery_p99_\(channel.channel.rawValue)",
                summary: "p99 delivery latency on \(channel.channel.rawValue) (reply stored → provider accepted)",
                measured: channel.delivery.p99, comparison: .below, threshold: thresholds.deliveryP99, unit: "s"))
        }
        objectives += [
            ObjectiveResult(
                name: "escalation_rate", summary: "share of acknowledged messages escalated to a human",
                measured: result.escalationRate * 100, comparison: .below, threshold: thresholds.escalationRate * 100, unit: "%"),
            ObjectiveResult(
                name: "escalation_correctness", summary: "escalation decisions matching the ground truth",
                measured: result.escalationCorrectness * 100, comparison: .atLeast,
                threshold: thresholds.escalationCorrectness * 100, unit: "%"),
            ObjectiveResult(
                name: "cross_channel_identification", summary: "people on several channels recognised as one customer",
                measured: result.crossChannelAccuracy * 100, comparison: .above,
                threshold: thresholds.crossChannelAccuracy * 100, unit: "%"),
            ObjectiveResult(
                name: "unacknowledged_messages", summary: "messages the gateway never acknowledged despite the provider's retries",
                measured: Double(result.channels.reduce(0) { $0 + $1.sent - $1.acknowledged }), comparison: .atMost,
                threshold: 0, unit: "messages"),
            ObjectiveResult(
                name: "lost_messages", summary: "acknowledged messages never answered nor escalated",
                measured: Double(result.lostMessages), comparison: .atMost, threshold: Double(thresholds.lostMessages),
                unit: "messages"),
            ObjectiveResult(
                name: "duplicate_replies", summary: "replies beyond one per message (stored or sent to a provider)",
                measured: Double(result.duplicateReplies), comparison: .atMost,
                threshold: Double(thresholds.duplicateReplies), unit: "replies"),
            ObjectiveResult(
                name: "delivery_outcome_unknown",
                summary: "replies escalated as undeliverable although the provider has them (counted at the fakes)",
                measured: Double(result.deliveryOutcomeUnknown), comparison: .atMost, threshold: 0, unit: "replies"),
        ]
        return objectives
    }
}
