import FTETestSupport
import Foundation
import Testing
@testable import FTECore

/// The escalation triggers on the labelled set in `samples/escalation-rules`: support messages
/// on the three channels (calm bug reports, polite complaints, angry repeats, sarcasm, capitals,
/// legal, refund, pricing and person requests, each with decoys), with the reasons a person
/// would escalate them for. Right means exactly the expected reasons, as the worker decides
/// them: the rules with the learned scorer (``EscalationCheck``). The tuning part was used to
/// design the rules; the scorer is trained on ten parts (docs/agent-rules.md has the figures,
/// and the leave-one-part-out ones for text it was not trained on).
@Suite struct EscalationRuleSetTests {
    struct Labelled: Decodable, Sendable {
        var id: String
        var kind: String
        var channel: Channel
        var text: String
        var priorContacts: Int?
        var expect: [EscalationReason]

        enum CodingKeys: String, CodingKey {
            case id, kind, channel, text, expect
            case priorContacts = "prior_contacts"
        }
    }

    static let folder = SampleKnowledgeBase.repositoryRoot.appendingPathComponent("samples/escalation-rules")

    static func load(_ name: String) throws -> [Labelled] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Labelled.self, from: Data($0.utf8)) }
    }

    /// The check the worker makes: the rules with the learned scorer over the local MiniLM vectors.
    static func scoredCheck() throws -> EscalationCheck {
        EscalationCheck(scorer: try EscalationScorer.trained(), embedder: try EmbeddingFixture.embedder())
    }

    /// The number of messages whose reasons are exactly the expected ones, the rules' own number, and the misses.
    static func evaluate(_ set: [Labelled], check: EscalationCheck) async throws -> (right: Int, rulesRight: Int, misses: [String]) {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        var misses: [String] = []
        var rulesRight = 0
        for message in set {
            let contacts = message.priorContacts ?? 0
            let sentiment = assessor.assess(message.text).inContext(recentContacts: contacts)
            let outcome = await check.check(message.text, channel: message.channel, sentiment: sentiment, recentContacts: contacts)
            if Set(outcome.ruleReasons) == Set(message.expect) { rulesRight += 1 }
            if Set(outcome.reasons) != Set(message.expect) {
                let scores = outcome.probabilities.sorted { $0.key.rawValue < $1.key.rawValue }
                    .filter { $0.value >= 0.05 }.map { "\($0.key.rawValue) \(String(format: "%.2f", $0.value))" }
                misses.append("\(message.id): expected \(message.expect.map(\.rawValue)), got \(outcome.reasons.map(\.rawValue)), rules \(outcome.ruleReasons.map(\.rawValue)) (sentiment \((sentiment.score * 1000).rounded() / 1000), \(sentiment.signals.map(\.rawValue)); scorer \(scores))")
            }
        }
        return (set.count - misses.count, rulesRight, misses)
    }

    /// The parts the scorer is trained on, each with the number of messages the rules alone and
    /// the rules with the scorer get right (in sample for the scorer: docs/agent-rules.md has the
    /// leave-one-part-out figures, the honest ones for text it was not trained on).
    static let trainedParts = [
        ("tuning.jsonl", 169, 170), ("held-out.jsonl", 80, 80), ("held-out-2.jsonl", 41, 42), ("held-out-3.jsonl", 35, 40),
        ("held-out-4.jsonl", 61, 71), ("held-out-5.jsonl", 71, 94), ("held-out-6.jsonl", 92, 130),
        ("held-out-7.jsonl", 112, 152), ("held-out-8.jsonl", 111, 152), ("kb-questions.jsonl", 197, 203),
    ]

    /// The parts the rules were designed and revised on.
    static let parts = ["tuning.jsonl", "held-out.jsonl", "held-out-2.jsonl", "held-out-3.jsonl"]

    /// Parts measured once and never used to change the rules or train the scorer, each with
    /// the number the rules alone and the rules with the scorer got right when measured: printed,
    /// and a change that makes the check worse on them fails; they stay out of the 97 %
    /// (docs/agent-rules.md: held-out-9 and -10 were each written by an engineer who had seen
    /// neither the rules nor the data, and measured once with the scorer's model fixed).
    static let measuredParts = [("held-out-9.jsonl", 112, 127), ("held-out-10.jsonl", 115, 136)]

    /// The rules with the scorer on the ten parts it was trained on: each part at its figure
    /// (above the rules' own on nine parts, so the test fails without the scorer), the rules
    /// alone no worse than they were, and at least 97 % of the whole.
    @Test func theTriggersAreRightOnTheLabelledSet() async throws {
        let check = try Self.scoredCheck()
        #expect(check.isScored)
        var right = 0, rulesRight = 0, total = 0
        for (part, rulesExpected, expected) in Self.trainedParts {
            let (result, count) = try await Self.expectPart(part, check: check, rules: rulesExpected, combined: expected)
            right += result.right
            rulesRight += result.rulesRight
            total += count
        }
        print("escalation check on the whole set: \(right)/\(total) right (\(String(format: "%.3f", Double(right) / Double(total)))); the rules alone \(rulesRight)")
        #expect(Double(right) / Double(total) >= 0.97)
    }

    @Test func partsMeasuredOnceKeepTheirFigures() async throws {
        let check = try Self.scoredCheck()
        for (part, rulesMeasured, measured) in Self.measuredParts {
            _ = try await Self.expectPart(part, check: check, rules: rulesMeasured, combined: measured)
        }
    }

    /// Runs `check` over one part, prints its misses, and expects at least `combined` right with
    /// the scorer and `rules` right with the rules alone; returns the result and the part's size.
    static func expectPart(
        _ part: String, check: EscalationCheck, rules: Int, combined: Int
    ) async throws -> (result: (right: Int, rulesRight: Int, misses: [String]), count: Int) {
        let set = try load(part)
        let result = try await evaluate(set, check: check)
        print("escalation check on \(part): \(result.right)/\(set.count) right (the rules alone: \(result.rulesRight))")
        for miss in result.misses { print("  miss \(miss)") }
        #expect(result.right >= combined, "\(part) was \(combined)/\(set.count) right: \(result.misses.joined(separator: "\n"))")
        #expect(result.rulesRight >= rules, "the rules alone were \(rules)/\(set.count) right on \(part)")
        return (result, set.count)
    }

    @Test func theSetIsLargeVariedAndOnEveryChannel() throws {
        let all = try Self.parts.flatMap(Self.load)
        #expect(all.count >= 200)
        #expect(Set(all.map(\.id)).count == all.count, "ids are unique")
        for channel in Channel.allCases {
            #expect(all.count { $0.channel == channel } >= 60, "\(channel) is well represented")
        }
        let kinds = Set(all.map(\.kind))
        for kind in ["calm_bug_report", "polite_complaint", "angry_repeat", "sarcasm", "all_caps", "all_caps_decoy",
                     "legal", "legal_decoy", "refund", "refund_decoy", "pricing", "pricing_decoy", "human", "human_decoy"] {
            #expect(kinds.contains(kind), "the set has \(kind) messages")
        }
    }
}
