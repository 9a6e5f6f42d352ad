/// The sentiment of a text as VADER scores it.
public struct SentimentScore: Sendable, Equatable {
    /// The normalised, weighted sum of the words' valences, from -1 (most negative) to +1 (most positive).
    public var compound: Double
    /// The share of the text's sentiment weight that is positive, 0 to 1.
    public var positive: Double
    /// The share that is neutral, 0 to 1.
    public var neutral: Double
    /// The share that is negative, 0 to 1. The three shares add up to 1 (0 for a text without words).
    public var negative: Double

    public init(compound: Double, positive: Double, neutral: Double, negative: Double) {
        self.compound = compound
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
    }

    /// ``compound`` mapped to SPEC.md's 0–1 scale: `(compound + 1) / 2`, so 0.5 is neutral and
    /// below 0.3 calls for a human.
    public var scale01: Double { (compound + 1) / 2 }
}
