import Foundation

/// Retrieval quality on a question set: did the answering document come back, and how high.
public struct KnowledgeEvaluation: Sendable, Encodable {
    /// One question of the set.
    public struct Question: Sendable, Decodable {
        public var question: String
        /// The answering document's path relative to the ingested folder.
        public var source: String
    }

    /// A question whose document was not in the top results.
    public struct Miss: Sendable, Encodable {
        public var question: String
        public var expected: String
        public var got: [String]
    }

    /// Search latency (query embedding + SQL), milliseconds.
    public struct Latency: Sendable, Encodable {
        public var searches: Int
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double
    }

    /// One retrieval mode's figures, for the side-by-side comparison.
    public struct ModeFigures: Sendable, Encodable {
        public var hitAt1: Double
        public var hitAt5: Double
        public var mrr: Double
        public var misses: [Miss]

        enum CodingKeys: String, CodingKey {
            case mrr, misses
            case hitAt1 = "hit@1", hitAt5 = "hit@5"
        }
    }

    public var questions: Int
    /// The hybrid search's figures (what the agent uses).
    public var hitAt1: Double
    public var hitAt5: Double
    public var mrr: Double
    public var misses: [Miss]
    public var latencyMs: Latency
    /// Every mode measured, hybrid included, by mode.
    public var modes: [SearchMode: ModeFigures]

    enum CodingKeys: String, CodingKey {
        case questions, mrr, misses, modes
        case hitAt1 = "hit@1", hitAt5 = "hit@5", latencyMs = "latency_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(questions, forKey: .questions)
        try keys.encode(hitAt1, forKey: .hitAt1)
        try keys.encode(hitAt5, forKey: .hitAt5)
        try keys.encode(mrr, forKey: .mrr)
        try keys.encode(misses, forKey: .misses)
        try keys.encode(latencyMs, forKey: .latencyMs)
        try keys.encode(Dictionary(uniqueKeysWithValues: modes.map { ($0.key.rawValue, $0.value) }), forKey: .modes)
    }

    /// Reads a JSON Lines question set.
    /// - Throws: ``KnowledgeError`` `invalidInput` naming the first bad line.
    public static func questions(fromJSONLines text: String, file: String) throws -> [Question] {
        var questions: [Question] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let question = try? JSONDecoder().decode(Question.self, from: Data(line.utf8)),
                !question.question.trimmingWhitespace().isEmpty, !question.source.isEmpty
            else {
                throw KnowledgeError(
                    code: .invalidInput,
                    message: "\(file):\(number + 1): expected {\"question\": \"…\", \"source\": \"…\"}")
            }
            questions.append(question)
        }
        guard !questions.isEmpty else { throw KnowledgeError(code: .invalidInput, message: "\(file) has no questions") }
        return questions
    }

    /// Searches each question (top 5) in every mode (`modes`; hybrid always) and scores where
    /// its source document first appears; latency is the hybrid search's.
    /// - Parameters:
    ///   - repeats: extra timed searches per question, for steadier latency figures.
    ///   - progress: called with the searches done and the total.
    public static func run(
        _ questions: [Question], search: KnowledgeSearch, modes: [SearchMode] = SearchMode.allCases, repeats: Int = 0,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> KnowledgeEvaluation {
        let modes = [SearchMode.hybrid] + modes.filter { $0 != .hybrid }
        var figures: [SearchMode: ModeFigures] = [:]
        var latencies: [Double] = []
        for (step, mode) in modes.enumerated() {
            var hits1 = 0, hits5 = 0
            var reciprocalRanks = 0.0
            var misses: [Miss] = []
            for (index, question) in questions.enumerated() {
                var results: [KnowledgeSearchResult] = []
                for _ in 0...(mode == .hybrid ? max(repeats, 0) : 0) {
                    let started = ContinuousClock.now
                    results = try await search.search(question.question, k: 5, mode: mode)
                    let elapsed = started.duration(to: .now)
                    if mode == .hybrid {
                        latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                    }
                }
                if let position = results.firstIndex(where: { $0.source == question.source }) {
                    if position == 0 { hits1 += 1 }
                    hits5 += 1
                    reciprocalRanks += 1.0 / Double(position + 1)
                } else {
                    misses.append(Miss(question: question.question, expected: question.source, got: results.map(\.source)))
                }
                progress(step * questions.count + index + 1, modes.count * questions.count)
            }
            let n = Double(questions.count)
            figures[mode] = ModeFigures(
                hitAt1: Double(hits1) / n, hitAt5: Double(hits5) / n, mrr: reciprocalRanks / n, misses: misses)
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p * Double(latencies.count)).rounded(.up)) - 1
            return (latencies[min(max(rank, 0), latencies.count - 1)] * 100).rounded() / 100
        }
        let hybrid = figures[.hybrid]!
        return KnowledgeEvaluation(
            questions: questions.count, hitAt1: hybrid.hitAt1, hitAt5: hybrid.hitAt5, mrr: hybrid.mrr, misses: hybrid.misses,
            latencyMs: Latency(searches: latencies.count, p50: percentile(0.5), p95: percentile(0.95),
                               p99: percentile(0.99), max: percentile(1)),
            modes: figures)
    }
}
