import Foundation

/// Maps values of a domain onto pixels, linearly or logarithmically; values outside the domain
/// are clipped to its ends.
struct ChartScale {
    enum Kind { case linear, logarithmic }

    let kind: Kind
    let lower: Double
    let upper: Double
    /// The pixel positions of `lower` and `upper` (`from` > `to` for a y axis, which grows upwards).
    let from: Double
    let to: Double

    init(_ kind: Kind, _ lower: Double, _ upper: Double, from: Double, to: Double) {
        self.kind = kind
        // A logarithmic domain must be positive; an empty domain is widened so nothing divides by 0.
        var lower = kind == .logarithmic ? Swift.max(lower, 1e-9) : lower
        var upper = Swift.max(upper, lower)
        if upper == lower {
            if kind == .logarithmic { lower /= 10; upper *= 10 } else { upper = lower + 1 }
        }
        self.lower = lower
        self.upper = upper
        self.from = from
        self.to = to
    }

    /// The pixel position of `value`.
    func callAsFunction(_ value: Double) -> Double {
        let clipped = value.isFinite ? Swift.min(Swift.max(value, lower), upper) : lower
        let fraction = switch kind {
        case .linear: (clipped - lower) / (upper - lower)
        case .logarithmic: log10(clipped / lower) / log10(upper / lower)
        }
        return from + fraction * (to - from)
    }

    /// Whether `value` lies inside the domain (a logarithmic scale clips what is below it).
    func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// Round tick values for chart axes.
enum Ticks {
    /// `0, step, 2·step…` up to the first multiple at or above `maximum`, with a step of 1, 2 or 5
    /// times a power of ten giving about `count` intervals (a step of at least 1 when `integers`).
    static func linear(upTo maximum: Double, count: Int = 5, integers: Bool = false) -> [Double] {
        guard maximum.isFinite, maximum > 0 else { return [0, 1] }
        let raw = maximum / Double(Swift.max(1, count))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let finalStep = integers ? Swift.max(1, step.rounded(.up)) : step
        let intervals = Int((maximum / finalStep - 1e-9).rounded(.up))
        return (0...Swift.max(1, intervals)).map { Double($0) * finalStep }
    }

    /// The powers of ten from the one at or below `minimum` to the one at or above `maximum`.
    static func decades(from minimum: Double, to maximum: Double) -> [Double] {
        guard minimum.isFinite, maximum.isFinite, minimum > 0 else { return [0.001, 0.01, 0.1, 1] }
        let low = Int(log10(minimum).rounded(.down))
        let high = Swift.max(low + 1, Int((log10(Swift.max(maximum, minimum)) - 1e-9).rounded(.up)))
        return (low...high).map { pow(10, Double($0)) }
    }

    /// Simulated seconds `0…span` at a round clock step (5 min … 1 day) giving at most 12 intervals.
    static func clock(span: Double) -> [Double] {
        let steps: [Double] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400]
        let step = steps.first { span / $0 <= 12 } ?? (span / 12 / 86400).rounded(.up) * 86400
        let count = Int((span / step + 1e-9).rounded(.down))
        return (0...Swift.max(0, count)).map { Double($0) * step }
    }
}
