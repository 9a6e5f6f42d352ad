import Foundation

/// How many customers write at each moment of the simulated run: a daily curve plus short bursts,
/// and a sampler that draws arrival times from it.
///
/// Time is simulated seconds since midnight of the first day; the curve repeats every 24 hours.
public struct ArrivalCurve: Sendable {
    /// A short spike on top of the daily curve, like an outage that makes many people write at once.
    public struct Burst: Sendable, Codable, Equatable {
        /// Simulated seconds since the start of the run.
        public var start: Double
        /// Simulated seconds.
        public var duration: Double

        public init(start: Double, duration: Double) {
            self.start = start
            self.duration = duration
        }

        func contains(_ time: Double) -> Bool { time >= start && time < start + duration }
    }

    /// How long a burst lasts (simulated seconds).
    public static let burstDuration = 600.0
    /// What a burst adds to the intensity, in units of the daily peak (so 4× the peak at the peak).
    public static let burstBoost = 3.0
    /// The resolution the sampler works at (simulated seconds).
    static let binWidth = 60.0

    /// The daily arrival intensity at a clock hour (0 ≤ `hour` < 24), relative to the busiest
    /// moment (1.0): a floor of 0.03 at night, a late-morning peak at 10:30, a lunchtime dip,
    /// a second peak of 0.9 at 15:00 and a small evening shoulder around 20:00:
    ///
    ///     0.03 + 0.97 · min(1, g(10.5, 1.4) + 0.9 · g(15, 1.6) + 0.2 · g(20, 2))
    ///
    /// where `g(μ, σ) = exp(−(hour − μ)² / 2σ²)`.
    public static func diurnalIntensity(atHour hour: Double) -> Double {
        func bump(_ center: Double, _ width: Double) -> Double {
            let distance = hour - center
            return exp(-distance * distance / (2 * width * width))
        }
        return 0.03 + 0.97 * min(1, bump(10.5, 1.4) + 0.9 * bump(15, 1.6) + 0.2 * bump(20, 2))
    }

    /// The run's length in simulated seconds.
    public let horizon: Double
    /// The bursts, by start time.
    public let bursts: [Burst]
    /// Cumulative weight at the end of each bin (intensity × width), for inverse sampling.
    private let cumulative: [Double]

    /// The curve over `horizon` simulated seconds with the given bursts.
    public init(horizon: Double, bursts: [Burst] = []) {
        precondition(horizon > 0, "the run must last some time")
        self.horizon = horizon
        self.bursts = bursts.sorted { $0.start < $1.start }
        let bins = Int((horizon / Self.binWidth).rounded(.up))
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(bins)
        for bin in 0..<bins {
            let start = Double(bin) * Self.binWidth
            let width = min(Self.binWidth, horizon - start)
            total += Self.intensity(at: start + width / 2, bursts: bursts) * width
            cumulative.append(total)
        }
        self.cumulative = cumulative
    }

    /// The curve with 2–3 bursts per simulated day (at least one in a run longer than a burst),
    /// placed where the daily curve says people are around.
    public init(horizon: Double, using generator: inout SeededGenerator) {
        let daily = ArrivalCurve(horizon: horizon)
        var bursts: [Burst] = []
        if horizon > Self.burstDuration {
            let perDay = Double(2 + generator.int(below: 2))
            let count = max(1, Int((perDay * horizon / 86_400).rounded()))
            for _ in 0..<count {
                let time = daily.sample(in: 0..<(horizon - Self.burstDuration), using: &generator)
                let start = (time / Self.binWidth).rounded(.down) * Self.binWidth
                bursts.append(Burst(start: start, duration: Self.burstDuration))
            }
        }
        self.init(horizon: horizon, bursts: bursts)
    }

    /// The intensity at `time` (simulated seconds), bursts included.
    public func intensity(at time: Double) -> Double {
        Self.intensity(at: time, bursts: bursts)
    }

    private static func intensity(at time: Double, bursts: [Burst]) -> Double {
        let hour = (time / 3600).truncatingRemainder(dividingBy: 24)
        return diurnalIntensity(atHour: hour) + (bursts.contains { $0.contains(time) } ? burstBoost : 0)
    }

    /// An arrival time in `range` (clamped to the run), drawn with density proportional to the
    /// intensity (piecewise constant per minute).
    public func sample(in range: Range<Double>, using generator: inout SeededGenerator) -> Double {
        let lower = max(0, range.lowerBound)
        let upper = min(horizon, range.upperBound)
        precondition(lower < upper, "cannot sample an empty time range")
        let target = generator.double(in: weight(before: lower)..<weight(before: upper))
        // The first bin whose cumulative weight exceeds the target.
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        let binStart = Double(low) * Self.binWidth
        let before = low == 0 ? 0 : cumulative[low - 1]
        let width = min(Self.binWidth, horizon - binStart)
        let time = binStart + (target - before) / (cumulative[low] - before) * width
        return min(max(time, lower), upper.nextDown)
    }

    /// The cumulative weight from the start of the run to `time`.
    private func weight(before time: Double) -> Double {
        guard time > 0 else { return 0 }
        let bin = min(Int(time / Self.binWidth), cumulative.count - 1)
        let before = bin == 0 ? 0 : cumulative[bin - 1]
        let binStart = Double(bin) * Self.binWidth
        let width = min(Self.binWidth, horizon - binStart)
        return before + (cumulative[bin] - before) * min(1, (time - binStart) / width)
    }
}
