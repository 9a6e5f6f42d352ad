import Foundation
import Synchronization

/// What a draft reply is, for the sources rule.
public enum DraftKind: Sendable, Equatable {
    /// A factual answer; `sources` are the knowledge-base documents it rests on (none breaks the rule).
    case answer(sources: [String])
    /// A pure acknowledgement or escalation notice, which states no facts and needs no source.
    case notice
}

/// SPEC.md's hard rules checked *after* the model, on its draft reply: length, prices,
/// competitors, sources, and claims of actions no tool performed.
///
/// The checks are deterministic; the phrases are data in ``ReplyChecks/Vocabulary``
/// (ReplyChecks+Vocabulary.swift). Each ``ReplyViolation``'s `description` is feedback for
/// one regeneration; a draft that fails twice escalates as ``EscalationReason/policyViolation``.
public struct ReplyChecks: Sendable {
    /// The channels' length limits.
    public var limits: ReplyLimits
    /// Competitor names, matched whole-word and case-insensitively (also as "Name's").
    public var competitors: [String]

    /// Creates the checks.
    /// - Parameters:
    ///   - limits: the channels' length limits.
    ///   - competitors: names replies must not mention.
    public init(limits: ReplyLimits = ReplyLimits(), competitors: [String] = []) {
        self.limits = limits
        self.competitors = competitors
    }

    /// Checks with the competitors of `FTE_COMPETITORS` and SPEC.md's limits.
    /// - Parameter environment: the environment; the process's by default.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ReplyChecks {
        ReplyChecks(competitors: ConfigKey.competitors.list(environment: environment))
    }

    /// Everything wrong with a draft reply, in a stable order: length, price, competitors,
    /// sources, claims.
    /// - Parameters:
    ///   - draft: the model's reply body (before ``ReplyShaper`` adds greeting and sign-off).
    ///   - channel: the channel it will go out on.
    ///   - kind: an answer with its knowledge-base sources, or a notice.
    ///   - performedActions: what this run's tools did (e.g. `[.ticketCreated, .escalated]`).
    /// - Returns: the violations; empty when the draft may be sent.
    public func violations(
        in draft: String, channel: Channel, kind: DraftKind, performedActions: Set<AgentAction>
    ) -> [ReplyViolation] {
        let words = MessageWords(draft)
        var violations: [ReplyViolation] = []
        if let tooLong = lengthViolation(draft, channel: channel) { violations.append(tooLong) }
        if let price = PriceScanner.firstPrice(ignoringIdentifiersIn: draft) {
            violations.append(.quotesPrice(price))
        }
        violations += competitorsNamed(in: words).map(ReplyViolation.namesCompetitor)
        if case .answer(let sources) = kind, sources.isEmpty { violations.append(.unsourcedAnswer) }
        for (action, patterns) in Vocabulary.claims where !performedActions.contains(action) {
            if let claim = patterns.lazy.compactMap({ $0.firstMatch(in: words) }).first {
                violations.append(.claimsUnperformedAction(action, phrase: words.text(of: claim)))
            }
        }
        return violations
    }

    // MARK: - The checks

    private func lengthViolation(_ draft: String, channel: Channel) -> ReplyViolation? {
        let (length, limit, unit): (Int, Int, ReplyViolation.LengthUnit) = switch channel {
        case .email: (draft.wordCount, limits.emailWords, .words)
        case .webForm: (draft.wordCount, limits.webFormWords, .words)
        case .whatsapp: (draft.trimmingWhitespace().count, limits.whatsAppDraftCharacters, .characters)
        }
        return length > limit ? .tooLong(channel: channel, length: length, limit: limit, unit: unit) : nil
    }

    /// The competitors the draft names, each once, as written in the draft.
    private func competitorsNamed(in words: MessageWords) -> [String] {
        competitors.compactMap { name in
            let nameWords = MessageWords(name).words
            guard let last = nameWords.last else { return nil }
            let pattern = PhrasePattern((nameWords.dropLast() + ["\(last)|\(last)'s"]).joined(separator: " "))
            return pattern.firstMatch(in: words).map { words.text(of: $0) }
        }
    }
}
