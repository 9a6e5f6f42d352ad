import Foundation

// MARK: - Rules that need no lexicon

extension SentimentScorer {
    /// A negation `distance + 1` words before word `i` flips and dampens it; "never so/this"
    /// intensifies it instead, and "without doubt" leaves it alone.
    static func negate(_ valence: Double, at i: Int, lookingBack distance: Int, in lower: [String]) -> Double {
        let soOrThis: (String) -> Bool = { $0 == "so" || $0 == "this" }
        switch distance {
        case 0:
            return VADERRules.isNegation(lower[i - 1]) ? valence * VADERRules.negationScalar : valence
        case 1:
            if lower[i - 2] == "never", soOrThis(lower[i - 1]) { return valence * 1.25 }
            if lower[i - 2] == "without", lower[i - 1] == "doubt" { return valence }
            return VADERRules.isNegation(lower[i - 2]) ? valence * VADERRules.negationScalar : valence
        default:
            // As published: "so" or "this" right before the word intensifies it even without "never".
            if (lower[i - 3] == "never" && soOrThis(lower[i - 2])) || soOrThis(lower[i - 1]) { return valence * 1.25 }
            if lower[i - 3] == "without", lower[i - 2] == "doubt" || lower[i - 1] == "doubt" { return valence }
            return VADERRules.isNegation(lower[i - 3]) ? valence * VADERRules.negationScalar : valence
        }
    }

    /// Idioms around word `i` (at least the fourth word) replace its valence; booster
    /// phrases such as "kind of" before it add to it.
    static func applyIdioms(_ valence: Double, at i: Int, in lower: [String]) -> Double {
        var valence = valence
        let oneZero = "\(lower[i - 1]) \(lower[i])"
        let twoOneZero = "\(lower[i - 2]) \(lower[i - 1]) \(lower[i])"
        let twoOne = "\(lower[i - 2]) \(lower[i - 1])"
        let threeTwoOne = "\(lower[i - 3]) \(lower[i - 2]) \(lower[i - 1])"
        let threeTwo = "\(lower[i - 3]) \(lower[i - 2])"
        if let idiom = [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo].lazy
            .compactMap({ VADERRules.specialCases[$0] }).first {
            valence = idiom
        }
        if i + 1 < lower.count, let idiom = VADERRules.specialCases["\(lower[i]) \(lower[i + 1])"] {
            valence = idiom
        }
        if i + 2 < lower.count, let idiom = VADERRules.specialCases["\(lower[i]) \(lower[i + 1]) \(lower[i + 2])"] {
            valence = idiom
        }
        for phrase in [threeTwoOne, threeTwo, twoOne] {
            if let boost = VADERRules.boosters[phrase] { valence += boost }
        }
        return valence
    }

    /// Words before the first "but" count half, words after it one and a half.
    ///
    /// Reproduces the published loop exactly, which finds each value's *first* occurrence in
    /// the list, so a repeated value can be weighted at an earlier position.
    func weighAroundBut(_ sentiments: inout [Double], words lower: [String]) {
        guard let but = lower.firstIndex(of: "but") else { return }
        for position in sentiments.indices {
            let value = sentiments[position]
            guard let first = sentiments.firstIndex(of: value) else { continue }
            if first < but {
                sentiments[first] = value * 0.5
            } else if first > but {
                sentiments[first] = value * 1.5
            }
        }
    }

    /// Emphasis from exclamation marks (up to 4) and question marks (2 or more).
    static func punctuationEmphasis(_ text: String) -> Double {
        var exclamations = 0, questions = 0
        for scalar in text.unicodeScalars {
            if scalar == "!" { exclamations += 1 } else if scalar == "?" { questions += 1 }
        }
        let fromExclamations = Double(min(exclamations, VADERRules.maxExclamationMarks)) * VADERRules.exclamationIncrement
        let fromQuestions: Double = switch questions {
        case ..<2: 0
        case 2...3: Double(questions) * VADERRules.questionIncrement
        default: VADERRules.manyQuestionsIncrement
        }
        return fromExclamations + fromQuestions
    }

    /// The compound score and the positive, neutral and negative shares of the word valences.
    func summarize(_ sentiments: [Double], punctuationEmphasis emphasis: Double) -> SentimentScore {
        guard !sentiments.isEmpty else { return SentimentScore(compound: 0, positive: 0, neutral: 0, negative: 0) }
        var sum = sentiments.reduce(0, +)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = min(1, max(-1, sum / (sum * sum + VADERRules.normalizationAlpha).squareRoot()))

        // Each word counts 1 plus its valence, so neutral words weigh in too.
        var positive = 0.0, negative = 0.0, neutral = 0.0
        for value in sentiments {
            if value > 0 { positive += value + 1 }
            if value < 0 { negative += value - 1 }
            if value == 0 { neutral += 1 }
        }
        if positive > abs(negative) { positive += emphasis } else if positive < abs(negative) { negative -= emphasis }
        let total = positive + abs(negative) + neutral
        return SentimentScore(
            compound: compound, positive: abs(positive / total), neutral: abs(neutral / total), negative: abs(negative / total))
    }
}
