import ArgumentParser
import FTECore

/// The pass marks of `fte simulate`, each overridable.
struct ObjectiveOptions: ParsableArguments {
    @Option(name: .customLong("min-uptime"), help: "Uptime must be above this percentage.") var minUptime = 99.9
    @Option(name: .customLong("max-processing-p95"), help: "p95 processing latency per channel must be below this many seconds.")
    var maxProcessingP95 = 3.0
    @Option(name: .customLong("max-delivery-p99"), help: "p99 delivery latency per channel must be below this many seconds.")
    var maxDeliveryP99 = 30.0
    @Option(name: .customLong("max-escalation-rate"), help: "The escalation rate must be below this percentage.")
    var maxEscalationRate = 25.0
    @Option(name: .customLong("min-escalation-correctness"), help: "Escalation decisions matching the ground truth: at least this percentage.")
    var minEscalationCorrectness = 90.0
    @Option(name: .customLong("min-cross-channel"), help: "Cross-channel identification must be above this percentage.")
    var minCrossChannel = 95.0

    func validate() throws {
        for (name, value) in [
            ("--min-uptime", minUptime), ("--max-escalation-rate", maxEscalationRate),
            ("--min-escalation-correctness", minEscalationCorrectness), ("--min-cross-channel", minCrossChannel),
        ] where !(0...100).contains(value) {
            throw ValidationError("\(name) must be a percentage between 0 and 100 (got \(value))")
        }
        for (name, value) in [("--max-processing-p95", maxProcessingP95), ("--max-delivery-p99", maxDeliveryP99)] where value <= 0 {
            throw ValidationError("\(name) must be a positive number of seconds (got \(value))")
        }
    }

    var thresholds: ObjectiveThresholds {
        var thresholds = ObjectiveThresholds()
        thresholds.uptime = minUptime / 100
        thresholds.processingP95 = maxProcessingP95
        thresholds.deliveryP99 = maxDeliveryP99
        thresholds.escalationRate = maxEscalationRate / 100
        thresholds.escalationCorrectness = minEscalationCorrectness / 100
        thresholds.crossChannelAccuracy = minCrossChannel / 100
        return thresholds
    }
}
