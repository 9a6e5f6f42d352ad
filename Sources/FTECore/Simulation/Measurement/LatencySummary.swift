/// Percentiles of a set of latencies, in seconds.
public struct LatencySummary: Sendable, Codable, Equatable {
    /// How many samples there are.
    public var count: Int
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var max: Double?

    public init(count: Int, p50: Double?, p95: Double?, p99: Double?, max: Double?) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }

    /// The summary of `samples` (nearest-rank percentiles); all `nil` when there are none.
    public init(of samples: [Double]) {
        let sorted = samples.sorted()
        self.init(
            count: sorted.count, p50: Self.percentile(0.50, of: sorted), p95: Self.percentile(0.95, of: sorted),
            p99: Self.percentile(0.99, of: sorted), max: sorted.last)
    }

    /// The nearest-rank `fraction` percentile of `sorted` (ascending), `nil` when empty.
    public static func percentile(_ fraction: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, Swift.max(1, rank)) - 1]
    }
}
