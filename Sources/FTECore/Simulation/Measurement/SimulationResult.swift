import Foundation

/// Everything a simulated day measured, and the verdict. Encoded as the `--json` output
/// (snake_case keys, e.g. `lost_messages`, `duplicate_replies`) and rendered by
/// ``SimulationReport``.
public struct SimulationResult: Sendable, Codable, Equatable {
    /// How the run was set up.
    public var setup: SimulationSetup
    /// Wall-clock start.
    public var startedAt: Date
    /// Real seconds the whole run took (setup, traffic, drain, measurement).
    public var wallSeconds: Double
    /// Share of health probes the gateway service answered (any replica), 0…1.
    public var uptime: Double
    /// How many health probes were made.
    public var probes: Int
    /// Per channel, in `Channel.allCases` order.
    public var channels: [ChannelMeasurements]
    /// Escalated / acknowledged, 0…1.
    public var escalationRate: Double
    /// Messages whose escalation (or not) matches the ground truth / acknowledged, 0…1.
    public var escalationCorrectness: Double
    /// Escalations by reason code.
    public var escalationReasons: [String: Int]
    /// Multi-channel people whose messages all landed on one customer of their own, 0…1.
    public var crossChannelAccuracy: Double
    /// How many people used several channels.
    public var multiChannelPeople: Int
    /// Acknowledged messages never answered nor escalated.
    public var lostMessages: Int
    /// Replies beyond one per inbound message.
    public var duplicateReplies: Int
    /// Replies escalated as undeliverable although the provider has them.
    public var deliveryOutcomeUnknown: Int
    /// Provider redeliveries the simulator made (each must produce nothing new).
    public var redeliveries: Int
    /// Chat-completion requests the model received.
    public var llmCalls: Int
    /// Tokens the stored replies report.
    public var llmTokens: Int
    /// Replies by who answered: `model`, `builtin`, `human`.
    public var answeredBy: [String: Int]
    /// SIGKILLs of `serve` and `work` processes.
    public var processKills: Int
    /// Every injected fault in order, with its effect.
    public var faults: [FaultRecord]
    /// Traffic and latency over simulated time.
    public var timeline: [TimelineBucket]
    /// One point per acknowledged message, for the latency charts.
    public var samples: [LatencySample]
    /// The objectives, in the order they are printed.
    public var objectives: [ObjectiveResult]

    /// Whether every objective held.
    public var passed: Bool { objectives.allSatisfy(\.passed) }

    /// The objectives that did not hold.
    public var missedObjectives: [ObjectiveResult] { objectives.filter { !$0.passed } }

    public init(
        setup: SimulationSetup, startedAt: Date, wallSeconds: Double, uptime: Double, probes: Int,
        channels: [ChannelMeasurements], escalationRate: Double, escalationCorrectness: Double,
        escalationReasons: [String: Int], crossChannelAccuracy: Double, multiChannelPeople: Int,
        lostMessages: Int, duplicateReplies: Int, deliveryOutcomeUnknown: Int = 0, redeliveries: Int, llmCalls: Int, llmTokens: Int,
        answeredBy: [String: Int], processKills: Int, faults: [FaultRecord], timeline: [TimelineBucket],
        samples: [LatencySample], objectives: [ObjectiveResult]
    ) {
        self.setup = setup
        self.startedAt = startedAt
        self.wallSeconds = wallSeconds
        self.uptime = uptime
        self.probes = probes
        self.channels = channels
        self.escalationRate = escalationRate
        self.escalationCorrectness = escalationCorrectness
        self.escalationReasons = escalationReasons
        self.crossChannelAccuracy = crossChannelAccuracy
        self.multiChannelPeople = multiChannelPeople
        self.lostMessages = lostMessages
        self.duplicateReplies = duplicateReplies
        self.deliveryOutcomeUnknown = deliveryOutcomeUnknown
        self.redeliveries = redeliveries
        self.llmCalls = llmCalls
        self.llmTokens = llmTokens
        self.answeredBy = answeredBy
        self.processKills = processKills
        self.faults = faults
        self.timeline = timeline
        self.samples = samples
        self.objectives = objectives
    }
}

/// How a run was set up, as printed at the top of the report.
public struct SimulationSetup: Sendable, Codable, Equatable {
    /// Simulated hours.
    public var hours: Double
    /// Simulated seconds per real second.
    public var speed: Double
    /// Traffic multiplier.
    public var scale: Double
    public var seed: UInt64
    /// `postgres` or `kafka`.
    public var queue: String
    /// The model: `scripted (300 ms per turn, error rate 0.00)` or `real (gemini-…)`.
    public var llm: String
    /// How many `fte serve` and `fte work` processes ran.
    public var gateways: Int
    public var workers: Int
    /// Messages planned (first deliveries).
    public var messages: Int

    public init(
        hours: Double, speed: Double, scale: Double, seed: UInt64, queue: String, llm: String,
        gateways: Int, workers: Int, messages: Int
    ) {
        self.hours = hours
        self.speed = speed
        self.scale = scale
        self.seed = seed
        self.queue = queue
        self.llm = llm
        self.gateways = gateways
        self.workers = workers
        self.messages = messages
    }
}

/// Traffic and latency in one slice of simulated time.
public struct TimelineBucket: Sendable, Codable, Equatable {
    /// Simulated seconds since the start of the day.
    public var startsAt: Double
    /// Length of the slice, simulated seconds.
    public var length: Double
    /// Messages first delivered in the slice, by channel raw value.
    public var messages: [String: Int]
    /// p95 processing latency of the messages acknowledged in the slice, seconds.
    public var processingP95: Double?

    public init(startsAt: Double, length: Double, messages: [String: Int], processingP95: Double?) {
        self.startsAt = startsAt
        self.length = length
        self.messages = messages
        self.processingP95 = processingP95
    }
}

/// One acknowledged message's latencies.
public struct LatencySample: Sendable, Codable, Equatable {
    /// Simulated seconds since the start of the day at the first delivery.
    public var at: Double
    public var channel: Channel
    /// Seconds; `nil` where the step did not happen.
    public var acknowledgement: Double
    public var processing: Double?
    public var delivery: Double?

    public init(at: Double, channel: Channel, acknowledgement: Double, processing: Double?, delivery: Double?) {
        self.at = at
        self.channel = channel
        self.acknowledgement = acknowledgement
        self.processing = processing
        self.delivery = delivery
    }
}
