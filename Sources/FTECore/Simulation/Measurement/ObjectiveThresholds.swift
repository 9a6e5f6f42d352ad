/// The pass marks of a simulated day: SPEC.md's service objectives, overridable by flags.
public struct ObjectiveThresholds: Sendable, Codable, Equatable {
    /// Uptime must be above this share (0…1).
    public var uptime = 0.999
    /// p95 processing latency per channel must be below this, seconds.
    public var processingP95 = 3.0
    /// The escalation rate must be below this share.
    public var escalationRate = 0.25
    /// Escalation decisions matching the ground truth must be at least this share.
    public var escalationCorrectness = 0.9
    /// Cross-channel identification must be above this share.
    public var crossChannelAccuracy = 0.95
    /// p99 delivery latency per channel must be below this, seconds.
    public var deliveryP99 = 30.0
    /// Lost messages and duplicate replies must be at most these counts.
    public var lostMessages = 0
    public var duplicateReplies = 0

    public init() {}
}
