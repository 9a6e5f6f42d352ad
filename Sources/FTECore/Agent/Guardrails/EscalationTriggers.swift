/// SPEC.md's escalation rules that are checked *before* the model runs: legal words, a request
/// for a person, refunds, pricing, and very negative sentiment.
///
/// The checks are deterministic word and phrase matches; the lists are data in
/// ``EscalationTriggers/Vocabulary`` (EscalationTriggers+Vocabulary.swift). Words match whole
/// and case-insensitively, so "issue" and "pursue" are not "sue"; a capitalised "Sue" is taken
/// as a first name unless it reads as the verb ("we will Sue you").
public struct EscalationTriggers: Sendable {
    /// Sentiment below this (on SPEC.md's 0–1 scale) escalates, unless configured otherwise.
    public static let defaultSentimentThreshold = 0.3

    /// Messages whose sentiment (0–1) is below this go to a human.
    public var sentimentThreshold: Double

    /// Creates the checks.
    /// - Parameter sentimentThreshold: sentiment (0–1) below which a message escalates.
    public init(sentimentThreshold: Double = Self.defaultSentimentThreshold) {
        self.sentimentThreshold = sentimentThreshold
    }

    /// Every reason the message must go to a human, most pressing first: ``EscalationReason/legalMatter``,
    /// ``EscalationReason/humanRequested``, ``EscalationReason/refundRequest``,
    /// ``EscalationReason/pricingInquiry``, ``EscalationReason/negativeSentiment``.
    /// - Parameters:
    ///   - message: the customer's inbound text.
    ///   - channel: the channel it came through (WhatsApp also accepts a bare "human").
    ///   - sentiment: the message's sentiment on the 0–1 scale (``SentimentAssessment/score``).
    /// - Returns: the matching reasons, empty when the agent may answer.
    public func reasons(for message: String, channel: Channel, sentiment: Double) -> [EscalationReason] {
        let words = MessageWords(message)
        var reasons: [EscalationReason] = []
        if mentionsLegalAction(words) { reasons.append(.legalMatter) }
        if asksForHuman(words, channel: channel) { reasons.append(.humanRequested) }
        if asksForRefund(words) { reasons.append(.refundRequest) }
        if asksAboutPricing(words) { reasons.append(.pricingInquiry) }
        if sentiment < sentimentThreshold { reasons.append(.negativeSentiment) }
        return reasons
    }

    /// The most pressing reason the message must go to a human (the first of
    /// ``reasons(for:channel:sentiment:)``), or `nil` when the agent may answer.
    public func reason(for message: String, channel: Channel, sentiment: Double) -> EscalationReason? {
        reasons(for: message, channel: channel, sentiment: sentiment).first
    }

    // MARK: - The checks

    func mentionsLegalAction(_ message: MessageWords) -> Bool {
        var words = message
        words.removeMatches(of: Vocabulary.legalExemptions)
        return words.words.indices.contains { i in
            guard Vocabulary.legalWords.contains(words.words[i]) else { return false }
            return words.words[i] != "sue" || !Self.isFirstName(sueAt: i, in: words)
        }
    }

    /// Whether "sue" at `i` is written "Sue" and nothing around it makes it the verb.
    private static func isFirstName(sueAt i: Int, in words: MessageWords) -> Bool {
        guard words.original(i) == "Sue" else { return false }
        let before = i > 0 ? words.words[i - 1] : ""
        let after = i + 1 < words.count ? words.words[i + 1] : ""
        let verb = Vocabulary.sueIntent.contains(before) || before.hasSuffix("'ll") || Vocabulary.sueObjects.contains(after)
        return !verb
    }

    func asksForHuman(_ words: MessageWords, channel: Channel) -> Bool {
        if channel == .whatsapp, words.count == 1, Vocabulary.bareHumanWords.contains(words.words[0]) { return true }
        return Vocabulary.humanRequest.contains { $0.occurs(in: words) }
    }

    func asksForRefund(_ message: MessageWords) -> Bool {
        var words = message
        words.removeMatches(of: Vocabulary.refundExemptions)
        return words.words.contains(where: Vocabulary.refundWords.contains)
            || Vocabulary.refundPhrases.contains { $0.occurs(in: words) }
    }

    func asksAboutPricing(_ message: MessageWords) -> Bool {
        var words = message
        words.removeMatches(of: Vocabulary.pricingExemptions)
        return words.words.contains(where: Vocabulary.pricingWords.contains)
            || Vocabulary.pricingPhrases.contains { $0.occurs(in: words) }
    }
}
