/// What ``EscalationScorer`` reads of one message: its sentence embedding (all-MiniLM-L6-v2,
/// 384 numbers, normalised) and the rules' own outputs — which trigger fired, the assessor's and
/// the lexicon's scores, the hostile signals, repeated contact, capitals and exclamation marks,
/// and the channel. `scripts/fit-escalation-scorer.py` trains on exactly these numbers (dumped by
/// `EscalationScorerTests` with `FTE_ESCALATION_FEATURES_OUT`), so the names and their order are
/// part of the weights' format.
public struct EscalationFeatures: Sendable, Equatable {
    /// The reasons the scorer judges, in the rules' order.
    public static let reasons: [EscalationReason] = [
        .legalMatter, .humanRequested, .refundRequest, .pricingInquiry, .negativeSentiment,
    ]

    /// The names of ``rules``, in order.
    public static let ruleNames: [String] =
        reasons.map { "rule_\($0.rawValue)" }
        + ["sentiment", "lexicon_sentiment"]
        + SentimentSignal.allCases.map { "signal_\($0.rawValue)" }
        + ["prior_contacts", "capitals", "exclamations", "words"]
        + Channel.allCases.map { "channel_\($0.rawValue)" }

    /// The message's sentence embedding.
    public var embedding: [Float]
    /// The rules' outputs, scaled to about 0…1, named by ``ruleNames``.
    public var rules: [Double]

    /// - Parameters:
    ///   - text: the customer's message.
    ///   - channel: the channel it came through.
    ///   - sentiment: its assessment in context (``SentimentAssessment/inContext(recentContacts:)``).
    ///   - ruleReasons: what ``EscalationTriggers`` found.
    ///   - recentContacts: the customer's other messages in the last days.
    ///   - embedding: the message's vector from the local all-MiniLM-L6-v2.
    public init(
        text: String, channel: Channel, sentiment: SentimentAssessment, ruleReasons: [EscalationReason],
        recentContacts: Int, embedding: [Float]
    ) {
        self.embedding = embedding
        let fired = Self.reasons.map { ruleReasons.contains($0) ? 1.0 : 0.0 }
        let signals = SentimentSignal.allCases.map { sentiment.signals.contains($0) ? 1.0 : 0.0 }
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        let capitals = letters.isEmpty ? 0 : Double(letters.count { $0.properties.isUppercase }) / Double(letters.count)
        let exclamations = Double(min(text.count { $0 == "!" }, 5)) / 5
        let words = Double(min(MessageWords(text).count, 200)) / 200
        let channels = Channel.allCases.map { $0 == channel ? 1.0 : 0.0 }
        rules = fired + [sentiment.score, sentiment.lexiconScore] + signals
            + [Double(min(recentContacts, 3)) / 3, capitals, exclamations, words] + channels
    }
}
