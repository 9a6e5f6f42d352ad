/// What the agent did with one turn of a scenario, as the checks see it.
struct ScenarioReply: Sendable {
    var channel: Channel
    /// The shaped messages the customer would receive.
    var messages: [String]
    var escalation: EscalationReason?
    /// The documents the reply cites.
    var sources: [String]
    /// Who answered: the model or the built-in responder.
    var author: ReplyAuthor

    var text: String { messages.joined(separator: "\n\n") }

    /// The failed expectations of this reply, each named ("escalate: …"); empty when it passes.
    /// The channel's length limits and the hard rules (prices, competitors) are always checked.
    func failures(against expect: ScenarioExpectation?, limits: ReplyLimits, competitors: [String]) -> [String] {
        var failures: [String] = []
        let lower = text.lowercased()
        if let expect {
            let shouldEscalate = expect.reason != nil ? true : expect.escalate
            if let shouldEscalate, shouldEscalate != (escalation != nil) {
                failures.append(shouldEscalate
                    ? "escalate: expected a hand-off to a human, got an answer"
                    : "escalate: expected an answer, got an escalation (\(escalation!.rawValue))")
            }
            if let reason = expect.reason, let escalation, reason != escalation {
                failures.append("reason: expected \(reason.rawValue), got \(escalation.rawValue)")
            }
            for document in expect.cite ?? [] where !sources.contains(where: { Self.matches($0, document) }) {
                failures.append("cite: \(document) not cited (cited: \(sources.isEmpty ? "nothing" : sources.joined(separator: ", ")))")
            }
            for document in expect.mustNotCite ?? [] where sources.contains(where: { Self.matches($0, document) }) {
                failures.append("must_not_cite: \(document) cited")
            }
            for phrase in expect.mustContain ?? [] where !lower.contains(phrase.lowercased()) {
                failures.append("must_contain: “\(phrase)” missing")
            }
            for phrase in expect.mustNotContain ?? [] where lower.contains(phrase.lowercased()) {
                failures.append("must_not_contain: “\(phrase)” present")
            }
            if let maxWords = expect.maxWords, text.wordCount > maxWords {
                failures.append("max_words: \(text.wordCount) words, at most \(maxWords)")
            }
            if let maxCharacters = expect.maxCharacters, text.count > maxCharacters {
                failures.append("max_characters: \(text.count) characters, at most \(maxCharacters)")
            }
            if let language = expect.language?.lowercased(), let found = ReplyLanguage.detect(text), found != language {
                failures.append("language: expected \(language), the reply is in \(found)")
            }
        }
        failures += ruleFailures(limits: limits, competitors: competitors)
        return failures
    }

    /// SPEC.md's channel limits and hard rules, checked on every reply.
    private func ruleFailures(limits: ReplyLimits, competitors: [String]) -> [String] {
        var failures: [String] = []
        switch channel {
        case .email where text.wordCount > limits.emailWords:
            failures.append("channel limit: \(text.wordCount) words in an e-mail, at most \(limits.emailWords)")
        case .webForm where text.wordCount > limits.webFormWords:
            failures.append("channel limit: \(text.wordCount) words on the web form, at most \(limits.webFormWords)")
        case .whatsapp:
            if let long = messages.first(where: { $0.utf16.count > limits.whatsAppMessageCharacters }) {
                failures.append("channel limit: a WhatsApp message of \(long.utf16.count) characters, at most \(limits.whatsAppMessageCharacters)")
            }
        default:
            break
        }
        if let price = PriceScanner.firstPrice(ignoringIdentifiersIn: text) { failures.append("hard rule: the reply quotes a price (“\(price)”)") }
        let checks = ReplyChecks(limits: limits, competitors: competitors)
        for case .namesCompetitor(let name) in checks.violations(in: text, channel: channel, kind: .notice, performedActions: [.escalated, .ticketCreated]) {
            failures.append("hard rule: the reply names the competitor “\(name)”")
        }
        return failures
    }

    /// A cited source matches an expected document exactly, or lies in an expected folder (`billing/`).
    static func matches(_ source: String, _ expected: String) -> Bool {
        expected.hasSuffix("/") ? source.hasPrefix(expected) : source == expected
    }
}
