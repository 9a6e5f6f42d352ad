import Foundation

/// A question the sample knowledge base answers, with the document that answers it: one line of
/// `samples/knowledge-base-questions.jsonl`.
public struct SampleQuestion: Sendable, Codable, Equatable {
    /// What a customer asks.
    public var question: String
    /// The answering document, relative to the ingested folder (`account/two-factor-authentication.md`).
    public var source: String

    public init(question: String, source: String) {
        self.question = question
        self.source = source
    }

    /// Reads a JSON Lines file of `{"question": …, "source": …}` objects; blank lines are skipped.
    /// - Throws: the read error, or a `DecodingError` for a malformed line.
    public static func load(from url: URL) throws -> [SampleQuestion] {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let decoder = JSONDecoder()
        return try text.split(whereSeparator: \.isNewline)
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .map { try decoder.decode(SampleQuestion.self, from: Data($0.utf8)) }
    }
}
