import FTECore
import Foundation
import Testing

@Suite struct SimulationScorerTests {
    static func message(_ id: Int, persona: Int, _ channel: Channel, escalate: EscalationReason? = nil) -> PlannedMessage {
        PlannedMessage(
            id: id, at: Double(id) * 600, persona: persona, channel: channel, subject: channel == .whatsapp ? nil : "Hello",
            text: "How do I export a board?", expectedEscalation: escalate, answeringSource: escalate == nil ? "a.md" : nil)
    }

    static func outcome(_ customer: String, replies: Int = 1, reasons: [String] = [], stored: Double = 2.5, delivered: Double? = 2.6)
        -> MessageOutcome {
        MessageOutcome(
            customerID: customer, replies: replies, replyStoredAt: stored, answeredBy: reasons.isEmpty ? "model" : "builtin",
            escalationReasons: reasons, deliveredAt: delivered, deliveryFailed: false, tokens: 100)
    }

    static func evidence(_ observations: [MessageObservation], probes: (Int, Int) = (100, 100), twilioExtra: Int = 0) -> SimulationEvidence {
        SimulationEvidence(
            setup: SimulationSetup(hours: 24, speed: 480, scale: 1, seed: 1, queue: "postgres", llm: "scripted", gateways: 2, workers: 3, messages: observations.count),
            startedAt: Date(timeIntervalSince1970: 0), wallSeconds: 200, observations: observations,
            personas: [], probesAnswered: probes.0, probes: probes.1,
            faults: [FaultRecord(kind: .workerKill, target: "work-1", startsAt: 0, endsAt: 0,
                                 effect: FaultEffect(messages: 0, processingP95: nil, deliveryP95: nil, note: "SIGKILL work-1"))],
            providerDuplicates: [.whatsapp: twilioExtra], redeliveries: 0, llmCalls: 10, thresholds: ObjectiveThresholds())
    }

    @Test func aHealthyDayPassesEveryObjective() {
        let observations = [
            MessageObservation(planned: Self.message(0, persona: 0, .webForm), firstAttempt: 1, acknowledged: 1.01, outcome: Self.outcome("c0")),
            MessageObservation(planned: Self.message(1, persona: 0, .whatsapp), firstAttempt: 2, acknowledged: 2.01, outcome: Self.outcome("c0", stored: 3)),
            MessageObservation(planned: Self.message(2, persona: 1, .email, escalate: .refundRequest), firstAttempt: 1, acknowledged: 1.2,
                               outcome: Self.outcome("c1", reasons: ["refund_request"])),
        ] + (3..<8).map {
            MessageObservation(planned: Self.message($0, persona: $0, .email), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c\($0)"))
        }
        let result = SimulationScorer.score(Self.evidence(observations))
        #expect(result.passed, "\(result.missedObjectives.map(\.name))")
        #expect(result.crossChannelAccuracy == 1 && result.multiChannelPeople == 1)
        #expect(result.escalationCorrectness == 1)
        #expect(result.faults.first?.effect?.note == "SIGKILL work-1", "the injector's note is kept")
        let whatsapp = result.channels.first { $0.channel == .whatsapp }!
        #expect(abs((whatsapp.processing.p95 ?? 0) - 0.99) < 1e-9)
    }

    @Test func lostDuplicatedSplitAndSlowMessagesAreEachNamed() {
        let observations = [
            // Acknowledged but never stored: lost.
            MessageObservation(planned: Self.message(0, persona: 0, .webForm), firstAttempt: 1, acknowledged: 1.1, outcome: nil),
            // Two stored replies: one duplicate.
            MessageObservation(planned: Self.message(1, persona: 1, .email), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c1", replies: 2)),
            // One person on two customers: not identified; slow on WhatsApp.
            MessageObservation(planned: Self.message(2, persona: 2, .webForm), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c2")),
            MessageObservation(planned: Self.message(3, persona: 2, .whatsapp), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c3", stored: 9)),
            // Escalated though it should have been answered.
            MessageObservation(planned: Self.message(4, persona: 3, .email), firstAttempt: 1, acknowledged: 1.1,
                               outcome: Self.outcome("c4", reasons: ["no_relevant_knowledge"])),
        ]
        let result = SimulationScorer.score(Self.evidence(observations, probes: (90, 100), twilioExtra: 1))
        #expect(result.lostMessages == 1)
        #expect(result.duplicateReplies == 2, "one stored twice, one sent twice to Twilio")
        #expect(result.crossChannelAccuracy == 0)
        let missed = Set(result.missedObjectives.map(\.name))
        #expect(missed.isSuperset(of: [
            "uptime", "lost_messages", "duplicate_replies", "cross_channel_identification", "processing_p95_whatsapp",
            "escalation_correctness",
        ]))
        #expect(!missed.contains("processing_p95_email"))
    }

    @Test func oneCustomerHoldingTwoPeopleIsAMisidentification() {
        let observations = [
            MessageObservation(planned: Self.message(0, persona: 0, .webForm), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c0")),
            MessageObservation(planned: Self.message(1, persona: 0, .email), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c0")),
            MessageObservation(planned: Self.message(2, persona: 1, .whatsapp), firstAttempt: 1, acknowledged: 1.1, outcome: Self.outcome("c0")),
        ]
        let result = SimulationScorer.score(Self.evidence(observations))
        #expect(result.multiChannelPeople == 1)
        #expect(result.crossChannelAccuracy == 0)
    }
}
