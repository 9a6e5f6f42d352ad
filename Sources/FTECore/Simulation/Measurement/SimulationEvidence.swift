import Foundation

/// Everything the simulator gathered during a run, before it is scored.
public struct SimulationEvidence: Sendable {
    public var setup: SimulationSetup
    public var startedAt: Date
    public var wallSeconds: Double
    /// One per planned message.
    public var observations: [MessageObservation]
    public var personas: [Persona]
    /// Health probes the service answered, of all made.
    public var probesAnswered: Int
    public var probes: Int
    /// The faults injected, each with a note on what the injector saw (restart time…).
    public var faults: [FaultRecord]
    /// Replies the providers accepted more often than the outbox recorded, per channel.
    public var providerDuplicates: [Channel: Int]
    /// Replies marked undeliverable and escalated although the provider has them (counted
    /// against the fake providers): "delivery outcome unknown" handed to a person.
    public var deliveryOutcomeUnknown: Int
    public var redeliveries: Int
    public var llmCalls: Int
    public var thresholds: ObjectiveThresholds

    public init(
        setup: SimulationSetup, startedAt: Date, wallSeconds: Double, observations: [MessageObservation],
        personas: [Persona], probesAnswered: Int, probes: Int, faults: [FaultRecord],
        providerDuplicates: [Channel: Int], deliveryOutcomeUnknown: Int = 0, redeliveries: Int, llmCalls: Int,
        thresholds: ObjectiveThresholds
    ) {
        self.deliveryOutcomeUnknown = deliveryOutcomeUnknown
        self.setup = setup
        self.startedAt = startedAt
        self.wallSeconds = wallSeconds
        self.observations = observations
        self.personas = personas
        self.probesAnswered = probesAnswered
        self.probes = probes
        self.faults = faults
        self.providerDuplicates = providerDuplicates
        self.redeliveries = redeliveries
        self.llmCalls = llmCalls
        self.thresholds = thresholds
    }
}
