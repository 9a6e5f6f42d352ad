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

    public var questions: Int
    public var hitAt1: Double
    public var hitAt5: Double
    public var mrr: Double
    public var misses: [Miss]
    public var latencyMs: Latency

    enum CodingKeys: String, CodingKey {
        case questions, mrr, misses
        case hitAt1 = "hit@1", hitAt5 = "hit@5", latencyMs = "latency_ms"
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

    /// Searches each question (top 5) and scores where its source document first appears.
    /// - Parameter repeats: extra timed searches per question, for steadier latency figures.
    public static func run(
        _ questions: [Question], search: KnowledgeSearch, repeats: Int = 0, progress: (Int) -> Void = { _ in }
    ) async throws -> KnowledgeEvaluation {
        var hits1 = 0, hits5 = 0
        var reciprocalRanks = 0.0
        var misses: [Miss] = []
        var latencies: [Double] = []
        for (index, question) in questions.enumerated() {
            var results: [KnowledgeSearchResult] = []
            for _ in 0...max(repeats, 0) {
                let started = ContinuousClock.now
                results = try await search.search(question.question, k: 5)
                let elapsed = started.duration(to: .now)
                latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            if let position = results.firstIndex(where: { $0.source == question.source }) {
                if position == 0 { hits1 += 1 }
                hits5 += 1
                reciprocalRanks += 1.0 / Double(position + 1)
            } else {
                misses.append(Miss(question: question.question, expected: question.source, got: results.map(\.source)))
            }
            progress(index + 1)
        }
        let n = Double(questions.count)
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p * Double(latencies.count)).rounded(.up)) - 1
            return (latencies[min(max(rank, 0), latencies.count - 1)] * 100).rounded() / 100
        }
        return KnowledgeEvaluation(
            questions: questions.count, hitAt1: Double(hits1) / n, hitAt5: Double(hits5) / n,
            mrr: reciprocalRanks / n, misses: misses,
            latencyMs: Latency(searches: latencies.count, p50: percentile(0.5), p95: percentile(0.95),
                               p99: percentile(0.99), max: percentile(1)))
    }
}
