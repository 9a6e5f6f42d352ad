/// A service objective of SPEC.md and whether the run met it.
public struct ObjectiveResult: Sendable, Codable, Equatable {
    /// How the measured value must compare with the threshold.
    public enum Comparison: String, Sendable, Codable {
        case above, below, atMost = "at_most", atLeast = "at_least"

        /// Whether `value` meets `threshold`.
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .above: value > threshold
            case .below: value < threshold
            case .atMost: value <= threshold
            case .atLeast: value >= threshold
            }
        }

        /// The sign printed between the name and the threshold.
        public var symbol: String {
            switch self {
            case .above: ">"
            case .below: "<"
            case .atMost: "≤"
            case .atLeast: "≥"
            }
        }
    }

    /// A stable code (`uptime`, `processing_p95_email`, `lost_messages`…).
    public var name: String
    /// What it means, for people ("uptime of the gateway, from health probes").
    public var summary: String
    /// The measured value (`nil` when nothing could be measured, which fails).
    public var measured: Double?
    public var comparison: Comparison
    public var threshold: Double
    /// The unit the values are in: `%`, `s`, `messages`.
    public var unit: String
    public var passed: Bool

    public init(name: String, summary: String, measured: Double?, comparison: Comparison, threshold: Double, unit: String) {
        self.name = name
        self.summary = summary
        self.measured = measured
        self.comparison = comparison
        self.threshold = threshold
        self.unit = unit
        self.passed = measured.map { comparison.holds($0, threshold) } ?? false
    }
}
