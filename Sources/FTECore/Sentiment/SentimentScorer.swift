/// Scores the sentiment of English text with the VADER lexicon and rules (Hutto & Gilbert,
/// 2014), matching `vaderSentiment.py` 3.3.2 to within rounding.
///
/// The rules: each lexicon word's valence, raised or lowered by up to three booster or dampener
/// words before it, flipped by negations ("not", "never", any "n't") and "least", emphasised
/// when written in ALL CAPS amid mixed case; special idioms ("the bomb", "kiss of death");
/// words before "but" count half and words after it one and a half; then exclamation marks (up
/// to 4) and question marks (2 or more) add emphasis, and the sum `x` is normalised to
/// `x / √(x² + 15)`. Unlike the Python package, emoji are not translated to words (their
/// lexicon is not installed); emoticons such as `:)` are scored.
///
/// ```swift
/// let scorer = SentimentScorer(lexicon: try .fromEnvironment())
/// scorer.score("The new editor is NOT good!!").scale01   // ≈ 0.27: escalate
/// ```
public struct SentimentScorer: Sendable {
    /// The word valences.
    public let lexicon: SentimentLexicon

    /// Creates a scorer.
    /// - Parameter lexicon: the VADER lexicon.
    public init(lexicon: SentimentLexicon) {
        self.lexicon = lexicon
    }

    /// Scores `text`: best one sentence to a short message at a time, as VADER is designed for.
    public func score(_ text: String) -> SentimentScore {
        let trimmed = text.trimmingWhitespace()
        let words = SentimentText(trimmed)
        var sentiments: [Double] = []
        sentiments.reserveCapacity(words.count)
        for i in 0..<words.count {
            let word = words.lowercased[i]
            let isModifier = VADERRules.boosters[word] != nil
                || (word == "kind" && i + 1 < words.count && words.lowercased[i + 1] == "of")
            sentiments.append(isModifier ? 0 : valence(at: i, in: words))
        }
        weighAroundBut(&sentiments, words: words.lowercased)
        return summarize(sentiments, punctuationEmphasis: Self.punctuationEmphasis(trimmed))
    }

    // MARK: - One word

    /// The valence of word `i` after its modifiers; 0 when it is not in the lexicon.
    private func valence(at i: Int, in text: SentimentText) -> Double {
        let lower = text.lowercased
        guard let base = lexicon[lower[i]] else { return 0 }
        var valence = base
        // "no" before another lexicon word negates that word instead of counting itself.
        if lower[i] == "no", i + 1 < text.count, lexicon[lower[i + 1]] != nil {
            valence = 0
        }
        if (i > 0 && lower[i - 1] == "no") || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor")) {
            valence = base * VADERRules.negationScalar
        }
        if text.isUppercase[i] && text.mixesCase {
            valence += valence > 0 ? VADERRules.capsIncrement : -VADERRules.capsIncrement
        }
        for distance in 0..<3 where i > distance {
            let before = i - distance - 1
            guard lexicon[lower[before]] == nil else { continue }
            var scalar = boost(by: before, of: valence, in: text)
            if distance == 1 { scalar *= 0.95 }
            if distance == 2 { scalar *= 0.9 }
            valence += scalar
            valence = Self.negate(valence, at: i, lookingBack: distance, in: lower)
            if distance == 2 { valence = Self.applyIdioms(valence, at: i, in: lower) }
        }
        return applyLeast(valence, at: i, in: lower)
    }

    /// What the booster or dampener at `index` adds to a word of valence `valence`.
    private func boost(by index: Int, of valence: Double, in text: SentimentText) -> Double {
        guard var scalar = VADERRules.boosters[text.lowercased[index]] else { return 0 }
        if valence < 0 { scalar = -scalar }
        if text.isUppercase[index] && text.mixesCase {
            scalar += valence > 0 ? VADERRules.capsIncrement : -VADERRules.capsIncrement
        }
        return scalar
    }

    /// "least" right before a word negates it, except in "at least" and "very least".
    private func applyLeast(_ valence: Double, at i: Int, in lower: [String]) -> Double {
        guard i > 0, lower[i - 1] == "least", lexicon[lower[i - 1]] == nil else { return valence }
        if i > 1, lower[i - 2] == "at" || lower[i - 2] == "very" { return valence }
        return valence * VADERRules.negationScalar
    }
}
