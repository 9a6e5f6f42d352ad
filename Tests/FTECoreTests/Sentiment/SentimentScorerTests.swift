import Testing
@testable import FTECore

/// The Swift scorer against the Python reference, and each VADER rule on its own.
@Suite struct SentimentScorerTests {
    @Test func matchesThePythonImplementation() throws {
        let scorer = try SentimentFixture.scorer()
        let reference = try VADERReference.load()
        #expect(reference.cases.count >= 60)
        for expected in reference.cases {
            let score = scorer.score(expected.text)
            #expect(abs(score.compound - expected.compound) <= 0.002, "compound of “\(expected.text)”: \(score.compound) vs \(expected.compound)")
            #expect(abs(score.positive - expected.positive) <= 0.002, "positive of “\(expected.text)”")
            #expect(abs(score.neutral - expected.neutral) <= 0.002, "neutral of “\(expected.text)”")
            #expect(abs(score.negative - expected.negative) <= 0.002, "negative of “\(expected.text)”")
        }
    }

    @Test func scaleMapsCompoundOntoZeroToOne() {
        #expect(SentimentScore(compound: -1, positive: 0, neutral: 0, negative: 1).scale01 == 0)
        #expect(SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0).scale01 == 0.5)
        #expect(SentimentScore(compound: 1, positive: 1, neutral: 0, negative: 0).scale01 == 1)
        #expect(SentimentScore(compound: -0.4, positive: 0, neutral: 0.5, negative: 0.5).scale01 == 0.3)
    }

    @Test func angryTicketsScoreBelowTheEscalationThreshold() throws {
        let scorer = try SentimentFixture.scorer()
        #expect(scorer.score("This is the worst service ever, I am furious!!!").scale01 < 0.3)
        #expect(scorer.score("Thanks, that fixed it. Great help!").scale01 > 0.7)
        #expect(scorer.score("How do I export a board?").scale01 == 0.5)
    }

    // MARK: - The rules, with a tiny lexicon

    private let tiny = SentimentScorer(lexicon: SentimentLexicon(valences: [
        "good": 1.9, "bad": -2.5, "helpful": 1.8, "slow": -1.0, "no": -1.2, "problem": -1.7,
    ]))

    private func compound(_ text: String) -> Double { tiny.score(text).compound }

    /// `x / √(x² + 15)`.
    private func normalized(_ x: Double) -> Double { x / (x * x + 15).squareRoot() }

    @Test func aLexiconWordGivesItsNormalizedValence() {
        #expect(abs(compound("The app is good") - normalized(1.9)) < 1e-12)
        #expect(compound("The app is blue") == 0)
        #expect(tiny.score("").compound == 0 && tiny.score("").neutral == 0)
    }

    @Test func negationFlipsAndDampens() {
        #expect(abs(compound("The app is not good") - normalized(1.9 * -0.74)) < 1e-12)
        #expect(abs(compound("The app isn't good") - normalized(1.9 * -0.74)) < 1e-12)
        #expect(abs(compound("The app wasnt ever good") - normalized(1.9 * -0.74)) < 1e-12)
        // A curly apostrophe is not "n't", as in the Python original.
        #expect(abs(compound("The app isn’t good") - normalized(1.9)) < 1e-12)
    }

    @Test func neverSoIntensifiesInsteadOfNegating() {
        // "so" is also a booster (+0.293); "never so" then multiplies by 1.25.
        #expect(abs(compound("never so good") - normalized((1.9 + 0.293) * 1.25)) < 1e-12)
        #expect(abs(compound("never good") - normalized(1.9 * -0.74)) < 1e-12)
    }

    @Test func boostersAndDampenersShiftTheValenceAwayFromOrTowardZero() {
        #expect(abs(compound("It is very good") - normalized(1.9 + 0.293)) < 1e-12)
        #expect(abs(compound("It is very bad") - normalized(-2.5 - 0.293)) < 1e-12)
        #expect(abs(compound("It is slightly good") - normalized(1.9 - 0.293)) < 1e-12)
        // Two words back the booster counts 95 %.
        #expect(abs(compound("It is very, very good") - normalized(1.9 + 0.293 + 0.293 * 0.95)) < 1e-12)
    }

    @Test func capitalsEmphasiseOnlyWhenTheTextMixesCase() {
        #expect(abs(compound("The app is GOOD") - normalized(1.9 + 0.733)) < 1e-12)
        #expect(abs(compound("THE APP IS GOOD") - normalized(1.9)) < 1e-12)
    }

    @Test func exclamationMarksAmplifyUpToFour() {
        #expect(abs(compound("good!") - normalized(1.9 + 0.292)) < 1e-12)
        #expect(abs(compound("good!!!!") - normalized(1.9 + 4 * 0.292)) < 1e-12)
        #expect(compound("good!!!!!!!!") == compound("good!!!!"))
        #expect(abs(compound("bad!!") - normalized(-2.5 - 2 * 0.292)) < 1e-12)
    }

    @Test func questionMarksAmplifyFromTwo() {
        #expect(compound("good?") == compound("good"))
        #expect(abs(compound("good??") - normalized(1.9 + 2 * 0.18)) < 1e-12)
        #expect(abs(compound("good?????") - normalized(1.9 + 0.96)) < 1e-12)
    }

    @Test func butHalvesWhatComesBeforeAndRaisesWhatComesAfter() {
        #expect(abs(compound("good but slow") - normalized(1.9 * 0.5 - 1.0 * 1.5)) < 1e-12)
    }

    @Test func leastNegatesExceptInAtLeast() {
        #expect(abs(compound("the least helpful") - normalized(1.8 * -0.74)) < 1e-12)
        #expect(abs(compound("at least helpful") - normalized(1.8)) < 1e-12)
    }

    @Test func noBeforeALexiconWordNegatesItInsteadOfCounting() {
        #expect(abs(compound("no problem") - normalized(-1.7 * -0.74)) < 1e-12)
        #expect(abs(compound("there is no") - normalized(-1.2)) < 1e-12)
    }

    @Test func sharesAddUpToOne() throws {
        let score = try SentimentFixture.scorer().score("The product is great, but the support is awful.")
        #expect(abs(score.positive + score.neutral + score.negative - 1) < 0.001)
    }
}
