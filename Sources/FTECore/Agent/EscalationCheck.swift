/// The escalation check before the model: ``EscalationTriggers``' rules, and — when the
/// embedder is the one it was trained on — ``EscalationScorer``'s learned say over them.
public struct EscalationCheck: Sendable {
    /// What the check decided for one message.
    public struct Outcome: Sendable, Equatable {
        /// The reasons to escalate, most pressing first; empty when the agent may answer.
        public var reasons: [EscalationReason]
        /// What the rules alone found.
        public var ruleReasons: [EscalationReason]
        /// The scorer's probability per reason; empty when no scorer ran.
        public var probabilities: [EscalationReason: Double]
    }

    public let triggers: EscalationTriggers
    private let scorer: EscalationScorer?
    private let embedder: (any Embedder)?

    /// The rules alone.
    public init(triggers: EscalationTriggers = EscalationTriggers()) {
        self.triggers = triggers
        scorer = nil
        embedder = nil
    }

    /// The rules with `scorer`, over vectors from `embedder`; the rules alone when the
    /// embedder is not the one the scorer was trained on.
    public init(triggers: EscalationTriggers = EscalationTriggers(), scorer: EscalationScorer, embedder: any Embedder) {
        self.triggers = triggers
        let usable = scorer.accepts(embedder)
        self.scorer = usable ? scorer : nil
        self.embedder = usable ? embedder : nil
    }

    /// Whether the learned scorer takes part.
    public var isScored: Bool { scorer != nil }

    /// The reasons `text` must go to a person. When embedding the text fails, the rules decide alone.
    /// - Parameters:
    ///   - sentiment: the message's assessment in context (``SentimentAssessment/inContext(recentContacts:)``).
    ///   - recentContacts: the customer's other messages in the last days.
    public func check(_ text: String, channel: Channel, sentiment: SentimentAssessment, recentContacts: Int) async -> Outcome {
        let rules = triggers.reasons(for: text, channel: channel, sentiment: sentiment.score)
        guard let scorer, let embedder, let vector = try? await embedder.embed(text), vector.count == scorer.dimension else {
            return Outcome(reasons: rules, ruleReasons: rules, probabilities: [:])
        }
        let features = EscalationFeatures(
            text: text, channel: channel, sentiment: sentiment, ruleReasons: rules, recentContacts: recentContacts, embedding: vector)
        let probabilities = scorer.probabilities(features)
        return Outcome(
            reasons: scorer.decide(ruleReasons: rules, probabilities: probabilities), ruleReasons: rules,
            probabilities: probabilities)
    }
}
