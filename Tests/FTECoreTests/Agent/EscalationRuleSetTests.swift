import FTETestSupport
import Foundation
import Testing
@testable import FTECore

/// The escalation triggers on the labelled set in `samples/escalation-rules`: support messages
/// on the three channels (calm bug reports, polite complaints, angry repeats, sarcasm, capitals,
/// legal, refund, pricing and person requests, each with decoys), with the reasons a person
/// would escalate them for. Right means exactly the expected reasons. The tuning part was used
/// to design the rules; the held-out parts never were (docs/agent-rules.md has the figures).
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

    /// The share of messages whose reasons are exactly the expected ones, and the misses.
    static func evaluate(_ set: [Labelled]) throws -> (accuracy: Double, misses: [String]) {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        let triggers = EscalationTriggers()
        var misses: [String] = []
        for message in set {
            let sentiment = assessor.assess(message.text).inContext(recentContacts: message.priorContacts ?? 0)
            let reasons = triggers.reasons(for: message.text, channel: message.channel, sentiment: sentiment.score)
            if Set(reasons) != Set(message.expect) {
                misses.append("\(message.id): expected \(message.expect.map(\.rawValue)), got \(reasons.map(\.rawValue)) (sentiment \((sentiment.score * 1000).rounded() / 1000), \(sentiment.signals.map(\.rawValue)))")
            }
        }
        return (Double(set.count - misses.count) / Double(set.count), misses)
    }

    static let parts = ["tuning.jsonl", "held-out.jsonl", "held-out-2.jsonl", "held-out-3.jsonl"]

    /// Parts written after a revision of the rules and measured once, each with the share it was
    /// measured at: their figures are printed and a change that makes the rules worse on them
    /// fails, but they stay out of the 97 % (docs/agent-rules.md: the fourth was looked at for the
    /// last revision, the fifth was written by someone who had not seen the rules).
    static let measuredParts = [("held-out-4.jsonl", 61), ("held-out-5.jsonl", 71)]

    /// Right on at least 97 % of the whole set, and on no part below 85 % (the last held-out part
    /// was never consulted while the rules were written: it is the honest figure for text nobody
    /// tuned on; docs/agent-rules.md has each part's).
    @Test func theTriggersAreRightOnTheLabelledSet() throws {
        var right = 0, total = 0
        for part in Self.parts {
            let set = try Self.load(part)
            let (accuracy, misses) = try Self.evaluate(set)
            print("escalation rules on \(part): \(set.count - misses.count)/\(set.count) right (\(String(format: "%.3f", accuracy)))")
            for miss in misses { print("  miss \(miss)") }
            #expect(accuracy >= 0.85, "\(part): \(misses.joined(separator: "\n"))")
            right += set.count - misses.count
            total += set.count
        }
        print("escalation rules on the whole set: \(right)/\(total) right (\(String(format: "%.3f", Double(right) / Double(total))))")
        #expect(Double(right) / Double(total) >= 0.97)
    }

    @Test func partsMeasuredOnceKeepTheirFigures() throws {
        for (part, measured) in Self.measuredParts {
            let set = try Self.load(part)
            let (accuracy, misses) = try Self.evaluate(set)
            print("escalation rules on \(part): \(set.count - misses.count)/\(set.count) right (\(String(format: "%.3f", accuracy)))")
            for miss in misses { print("  miss \(miss)") }
            #expect(set.count - misses.count >= measured, "\(part) was \(measured)/\(set.count) right: \(misses.joined(separator: "\n"))")
        }
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
