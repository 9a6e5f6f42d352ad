/// A seedable pseudo-random generator (SplitMix64, Steele et al. 2014): the same seed gives the
/// same numbers on every platform and Swift version, which the traffic plan relies on.
///
/// The helpers (``int(below:)``, ``unit()``, ``shuffle(_:)``…) are written out here rather than
/// taken from the standard library's `random(in:using:)`, whose algorithms are not promised to
/// stay the same between releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<bound` (`bound` > 0).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `0..<1` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A number in `range` (uniform).
    public mutating func double(in range: Range<Double>) -> Double {
        min(range.lowerBound + unit() * (range.upperBound - range.lowerBound), range.upperBound.nextDown)
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(below: elements.count)]
    }

    /// Shuffles `elements` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, int(below: i + 1))
        }
    }
}

/// Draws elements in a shuffled order and reshuffles when all have been drawn, so every element
/// is used about equally often.
struct ShuffledBag<Element> {
    private let elements: [Element]
    private var order: [Int] = []

    init(_ elements: [Element]) {
        precondition(!elements.isEmpty, "a bag needs elements")
        self.elements = elements
    }

    mutating func draw(using generator: inout SeededGenerator) -> Element {
        if order.isEmpty {
            order = Array(elements.indices)
            generator.shuffle(&order)
        }
        return elements[order.removeLast()]
    }
}
