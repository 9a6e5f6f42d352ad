import Foundation
import Logging
import Testing
@testable import FTECore

/// The learned escalation scorer: Swift inference reproduces the training script's
/// probabilities, the decision keeps, vetoes and adds reasons at the thresholds, and weights
/// that do not fit the code are refused with a precise error.
@Suite struct EscalationScorerTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            var id: String
            var part: String
            var probabilities: [String: Double]
        }

        var cases: [Case]
    }

    static let referencePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/escalation-scorer-reference.json")

    /// scripts/fit-escalation-scorer.py writes the probabilities it computes for a few labelled
    /// messages with the committed weights; the product's features, vectors and inference must
    /// give the same numbers.
    @Test func inferenceReproducesTheScriptsProbabilities() async throws {
        let data = try Data(contentsOf: Self.referencePath)
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        #expect(reference.cases.count >= 5)
        let scorer = try EscalationScorer.trained()
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        let embedder = try EmbeddingFixture.embedder()
        for item in reference.cases {
            let part = try EscalationRuleSetTests.load(item.part)
            let message = try #require(part.first { $0.id == item.id })
            let contacts = message.priorContacts ?? 0
            let sentiment = assessor.assess(message.text).inContext(recentContacts: contacts)
            let rules = EscalationTriggers().reasons(for: message.text, channel: message.channel, sentiment: sentiment.score)
            let features = EscalationFeatures(
                text: message.text, channel: message.channel, sentiment: sentiment, ruleReasons: rules,
                recentContacts: contacts, embedding: try await embedder.embed(message.text))
            let probabilities = scorer.probabilities(features)
            for (reason, expected) in item.probabilities {
                let scored = try #require(EscalationReason(rawValue: reason))
                let actual = try #require(probabilities[scored])
                #expect(abs(actual - expected) < 1e-4, "\(item.id) \(reason): \(actual), the script \(expected)")
            }
        }
    }

    /// A model of one support vector (`codes`, one byte per feature, quantum 1) over a
    /// two-number embedding, the features standardised with mean 0 and scale 1.
    static func weights(
        add: Double, veto: Double, bias: Double = 0, gamma: Double = 0.5, coefficient: Double = 1,
        platt: (a: Double, b: Double) = (-1, 0), codes: [Int8]? = nil, names: [String] = EscalationFeatures.ruleNames
    ) -> String {
        let width = 2 + names.count
        let bytes = (codes ?? Array(repeating: 0, count: width)).map { UInt8(bitPattern: $0) }
        let ones = Array(repeating: 1.0, count: width), zeros = Array(repeating: 0.0, count: width)
        let model = #"{"add":\#(add),"veto":\#(veto),"bias":\#(bias),"platt_a":\#(platt.a),"platt_b":\#(platt.b),"coefficients":[\#(coefficient)]}"#
        let reasons = EscalationFeatures.reasons.map { #""\#($0.rawValue)":\#(model)"# }.joined(separator: ",")
        let quoted = names.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"format":2,"embedding_model":"all-MiniLM-L6-v2","dimension":2,"rule_features":[\#(quoted)],"gamma":\#(gamma),"mean":\#(zeros),"scale":\#(ones),"quantum":\#(ones),"support_vectors":1,"codes":"\#(Data(bytes).base64EncodedString())","reasons":{\#(reasons)}}"#
    }

    @Test func theDecisionKeepsVetoesAndAddsAtTheThresholds() throws {
        let scorer = try EscalationScorer(json: Self.weights(add: 0.8, veto: 0.2))
        let rules: [EscalationReason] = [.refundRequest, .negativeSentiment]
        let probabilities: [EscalationReason: Double] = [
            .legalMatter: 0.85, .humanRequested: 0.79, .refundRequest: 0.2, .pricingInquiry: 0.1, .negativeSentiment: 0.19,
        ]
        #expect(scorer.decide(ruleReasons: rules, probabilities: probabilities) == [.legalMatter, .refundRequest])
    }

    /// p = 1 / (1 + exp(a · f + b)), f = bias + coefficient · exp(−gamma · ‖z − v‖²).
    @Test func probabilitiesArePlattScaledKernelSums() throws {
        let width = 2 + EscalationFeatures.ruleNames.count
        var codes = [Int8](repeating: 0, count: width)
        codes[0] = 1  // the support vector: (1, 0, 0, …)
        let scorer = try EscalationScorer(json: Self.weights(
            add: 0.5, veto: 0.5, bias: 0.25, gamma: 0.5, coefficient: 2, platt: (-3, 0.5), codes: codes))
        let features = EscalationFeatures(
            text: "hi", channel: .email, sentiment: SentimentAssessment(score: 0.5), ruleReasons: [], recentContacts: 0,
            embedding: [0.1, 0.2])
        let z = features.embedding.map(Double.init) + features.rules
        let distance = zip(z, [1.0] + Array(repeating: 0.0, count: width - 1)).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let decision = 0.25 + 2 * exp(-0.5 * distance)
        let p = try #require(scorer.probabilities(features)[.legalMatter])
        #expect(abs(p - 1 / (1 + exp(-3 * decision + 0.5))) < 1e-6, "\(p)")
    }

    @Test func weightsForOtherFeaturesAreRefused() throws {
        #expect(throws: EscalationScorerError.self) {
            try EscalationScorer(json: Self.weights(add: 0.5, veto: 0.5, names: ["sentiment"]))
        }
        #expect(throws: EscalationScorerError.self) { try EscalationScorer(json: "{}") }
        #expect(throws: EscalationScorerError.self) {
            try EscalationScorer(json: Self.weights(add: 0.5, veto: 0.5).replacingOccurrences(of: #""support_vectors":1"#, with: #""support_vectors":2"#))
        }
        do {
            _ = try EscalationScorer(json: Self.weights(add: 0.5, veto: 0.5, names: ["sentiment"]))
        } catch {
            #expect("\(error)".contains("retrain with scripts/fit-escalation-scorer.py"))
        }
    }

    struct OtherEmbedder: Embedder {
        var modelName = "text-embedding-3-small"
        var dimension = 384
        func embed(_ texts: [String]) async throws -> [[Float]] { texts.map { _ in Array(repeating: 0.05, count: 384) } }
    }

    /// Vectors of another model mean nothing to the weights: the rules decide alone.
    @Test func anotherEmbedderLeavesTheRulesAlone() async throws {
        let check = EscalationCheck(scorer: try EscalationScorer.trained(), embedder: OtherEmbedder())
        #expect(!check.isScored)
        let outcome = await check.check(
            "I want a refund", channel: .email, sentiment: SentimentAssessment(score: 0.5), recentContacts: 0)
        #expect(outcome.reasons == [.refundRequest])
        #expect(outcome.probabilities.isEmpty)
    }

    /// `FTE_ESCALATION_SCORER=false` leaves the worker's (and `fte eval`'s) agent with the rules alone.
    @Test(arguments: [(nil, true), ("true", true), ("false", false), ("off", false)] as [(String?, Bool)])
    func theScorerSettingDecidesWhetherTheAssembledAgentUsesIt(value: String?, scored: Bool) async throws {
        var environment = ["FTE_SENTIMENT_LEXICON": SentimentLexicon.defaultPath()]
        environment["FTE_ESCALATION_SCORER"] = value
        let database = Database(configuration: try DatabaseConfiguration(url: "postgres://fte@127.0.0.1:1/none"))
        let assembly = try AgentAssembly.make(
            database: database, embedder: try EmbeddingFixture.embedder(), tickets: UnrecordedTickets(),
            settings: try WorkerConfiguration.fromEnvironment(environment), environment: environment, logger: Logger(label: "test"))
        #expect(assembly.agent.escalation.isScored == scored)
        await assembly.modelHTTPClient.shutdown()
        await database.close()
    }

    @Test func anUnreadableScorerSettingIsRefusedByName() {
        #expect {
            try WorkerConfiguration.fromEnvironment(["FTE_ESCALATION_SCORER": "maybe"])
        } throws: { "\($0)".contains("FTE_ESCALATION_SCORER") }
    }

    @Test func theTrainedScorerIsUsedWithTheLocalModel() async throws {
        let check = EscalationCheck(scorer: try EscalationScorer.trained(), embedder: try EmbeddingFixture.embedder())
        #expect(check.isScored)
        let outcome = await check.check(
            "I want a refund for last month's charge.", channel: .email, sentiment: SentimentAssessment(score: 0.5),
            recentContacts: 0)
        #expect(Set(outcome.probabilities.keys) == Set(EscalationFeatures.reasons))
    }
}
