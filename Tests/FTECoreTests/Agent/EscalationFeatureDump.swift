import Foundation
import Testing
@testable import FTECore

/// Writes what ``EscalationScorer`` reads of every labelled message — the product's own rule
/// outputs and MiniLM vectors — for `scripts/fit-escalation-scorer.py`. Runs only with
/// `FTE_ESCALATION_FEATURES_OUT=path` (the script sets it).
@Suite struct EscalationFeatureDump {
    static let output = ProcessInfo.processInfo.environment["FTE_ESCALATION_FEATURES_OUT"]

    /// The parts the scorer is trained on (held-out-6 is measured once, never trained on).
    static let trainingParts = EscalationRuleSetTests.trainedParts.map(\.0)

    /// The parts to dump: `FTE_ESCALATION_FEATURES_PARTS` (comma-separated) or the training parts.
    static var parts: [String] {
        guard let list = ProcessInfo.processInfo.environment["FTE_ESCALATION_FEATURES_PARTS"] else { return trainingParts }
        return list.split(separator: ",").map(String.init)
    }

    struct Row: Encodable {
        var id: String
        var part: String
        var channel: String
        var expect: [String]
        var rules: [String]
        var features: [Double]
        var embedding: [Float]
        /// One vector per sentence (``SentimentAssessor/sentences(of:)``).
        var sentences: [[Float]]
    }

    @Test(.enabled(if: output != nil)) func dumpFeatures() async throws {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        let embedder = try EmbeddingFixture.embedder()
        let triggers = EscalationTriggers()
        let encoder = JSONEncoder()
        var lines = [String(decoding: try encoder.encode(["feature_names": EscalationFeatures.ruleNames]), as: UTF8.self)]
        for part in Self.parts {
            let set = try EscalationRuleSetTests.load(part)
            let vectors = try await embedder.embed(set.map(\.text))
            let split = set.map { SentimentAssessor.sentences(of: $0.text).filter { $0.contains(where: \.isLetter) } }
            var sentenceVectors = try await embedder.embed(split.flatMap { $0 })[...]
            for ((message, vector), sentences) in zip(zip(set, vectors), split) {
                let perSentence = Array(sentenceVectors.prefix(sentences.count))
                sentenceVectors = sentenceVectors.dropFirst(sentences.count)
                let contacts = message.priorContacts ?? 0
                let sentiment = assessor.assess(message.text).inContext(recentContacts: contacts)
                let reasons = triggers.reasons(for: message.text, channel: message.channel, sentiment: sentiment.score)
                let features = EscalationFeatures(
                    text: message.text, channel: message.channel, sentiment: sentiment, ruleReasons: reasons,
                    recentContacts: contacts, embedding: vector)
                let row = Row(
                    id: message.id, part: part, channel: message.channel.rawValue, expect: message.expect.map(\.rawValue),
                    rules: reasons.map(\.rawValue), features: features.rules, embedding: vector,
                    sentences: perSentence)
                lines.append(String(decoding: try encoder.encode(row), as: UTF8.self))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: try #require(Self.output), atomically: true, encoding: .utf8)
    }
}
