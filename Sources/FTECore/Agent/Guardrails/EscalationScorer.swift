import Foundation

/// A learned second opinion on the escalation rules: per reason, a support-vector machine with
/// an RBF kernel over the message's sentence embedding and the rules' own outputs
/// (``EscalationFeatures``), standardised, its decision value turned into a probability by Platt
/// scaling; trained on the labelled set in `samples/escalation-rules` by
/// `scripts/fit-escalation-scorer.py` (docs/agent-rules.md, "The learned scorer"). The decision
/// keeps a reason the rules gave unless the scorer's probability is below the reason's `veto`,
/// and adds one they missed when it is at least `add`. Pure and deterministic: the same features
/// give the same reasons.
public struct EscalationScorer: Sendable {
    /// One reason's model and thresholds: a dual coefficient per stored support vector (0 where
    /// the vector is another reason's), the bias, and Platt's `a` and `b`.
    struct ReasonModel: Decodable, Sendable {
        var add: Double
        var veto: Double
        var bias: Double
        var platt_a: Double
        var platt_b: Double
        var coefficients: [Double]
    }

    struct Stored: Decodable {
        var format: Int
        var embedding_model: String
        var dimension: Int
        var rule_features: [String]
        var gamma: Double
        var mean: [Double]
        var scale: [Double]
        var quantum: [Double]
        var support_vectors: Int
        var codes: String
        var reasons: [String: ReasonModel]
    }

    /// The embedding model the weights were trained on (`all-MiniLM-L6-v2`): vectors of any
    /// other embedder mean nothing to them.
    public let embeddingModel: String
    /// The embedding's length.
    public let dimension: Int
    private let kernel: SupportVectorKernel
    private let models: [(EscalationReason, ReasonModel)]

    /// Reads a model written by `scripts/fit-escalation-scorer.py`.
    /// - Throws: ``EscalationScorerError`` when the JSON is unreadable, was made for other rule
    ///   features than ``EscalationFeatures/ruleNames``, or lacks a reason or numbers.
    public init(json: String) throws {
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: Data(json.utf8))
        } catch {
            throw EscalationScorerError("the scorer's weights are not readable JSON: \(error)")
        }
        guard stored.format == 2 else {
            throw EscalationScorerError("unknown weights format \(stored.format) (expected 2): retrain with scripts/fit-escalation-scorer.py")
        }
        guard stored.rule_features == EscalationFeatures.ruleNames else {
            throw EscalationScorerError(
                "the weights were trained on rule features \(stored.rule_features), the code computes \(EscalationFeatures.ruleNames): retrain with scripts/fit-escalation-scorer.py")
        }
        let width = stored.dimension + stored.rule_features.count
        guard [stored.mean.count, stored.scale.count, stored.quantum.count].allSatisfy({ $0 == width }) else {
            throw EscalationScorerError("the standardisation has \(stored.mean.count)/\(stored.scale.count)/\(stored.quantum.count) numbers, expected \(width)")
        }
        guard stored.support_vectors > 0, let codes = Data(base64Encoded: stored.codes), codes.count == stored.support_vectors * width else {
            throw EscalationScorerError("the support vectors are not \(stored.support_vectors) rows of \(width) bytes in base64")
        }
        models = try EscalationFeatures.reasons.map { reason in
            guard let model = stored.reasons[reason.rawValue] else {
                throw EscalationScorerError("the weights have no model for \(reason.rawValue)")
            }
            guard model.coefficients.count == stored.support_vectors else {
                throw EscalationScorerError("\(reason.rawValue) has \(model.coefficients.count) coefficients, expected \(stored.support_vectors)")
            }
            return (reason, model)
        }
        kernel = SupportVectorKernel(
            gamma: stored.gamma, mean: stored.mean, scale: stored.scale, quantum: stored.quantum, codes: codes,
            coefficients: models.map(\.1.coefficients))
        embeddingModel = stored.embedding_model
        dimension = stored.dimension
    }

    /// The model trained on the committed parts (EscalationScorer+Weights.swift), read once per
    /// process.
    public static func trained() throws -> EscalationScorer {
        try builtIn.get()
    }

    private static let builtIn = Result { try EscalationScorer(json: trainedWeights) }

    /// Whether vectors from `embedder` are the ones the weights were trained on.
    public func accepts(_ embedder: any Embedder) -> Bool {
        embedder.modelName == embeddingModel && embedder.dimension == dimension
    }

    /// The probability of each scored reason (``EscalationFeatures/reasons``) for the message.
    /// - Precondition: `features.embedding` has ``dimension`` numbers.
    public func probabilities(_ features: EscalationFeatures) -> [EscalationReason: Double] {
        precondition(features.embedding.count == dimension, "an embedding of \(features.embedding.count) numbers, expected \(dimension)")
        let sums = kernel.decisions(features.embedding.map(Double.init) + features.rules)
        var result: [EscalationReason: Double] = [:]
        for ((reason, model), sum) in zip(models, sums) {
            let decision = model.bias + sum
            result[reason] = 1 / (1 + exp(model.platt_a * decision + model.platt_b))
        }
        return result
    }

    /// The reasons after the scorer's say, in the rules' order: a rule's reason stays unless its
    /// probability is below `veto`; a reason the rules missed is added at `add` or above.
    public func decide(ruleReasons: [EscalationReason], probabilities: [EscalationReason: Double]) -> [EscalationReason] {
        models.compactMap { reason, model in
            let p = probabilities[reason] ?? 0
            let keep = ruleReasons.contains(reason) ? p >= model.veto : p >= model.add
            return keep ? reason : nil
        }
    }
}

/// The scorer's weights cannot be used.
public struct EscalationScorerError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
