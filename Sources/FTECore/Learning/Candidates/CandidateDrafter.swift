import Foundation

/// Writes a candidate's title and text from a question and the answer a person gave:
/// extractively (the cleaned texts), or — with a model — as a short help article, checked so a
/// rewrite that adds personal data, grows too long or comes back empty falls back to the
/// extractive draft.
public struct CandidateDrafter: Sendable {
    /// The model that rewrites drafts, with its name; `nil` drafts extractively.
    let model: (any ChatModel)?
    let modelName: String?
    /// Most words a rewritten answer may have.
    public var maxWords = 250

    public init(model: (any ChatModel)? = nil, modelName: String? = nil) {
        self.model = model
        self.modelName = modelName
    }

    /// The draft of `question` answered by `answer` (both already cleaned).
    func draft(question: String, answer: String) async -> (text: CandidateText, by: KnowledgeCandidate.Draft) {
        let title = Self.title(for: question)
        let extractive = CandidateText(title: title, category: "general", question: question, answer: answer)
        guard let model else { return (extractive, .extractive) }
        let request = ChatRequest(
            model: modelName,
            messages: [
                .system(Self.rewritePrompt),
                .user("Customer's question:\n\(question)\n\nOur colleague's answer:\n\(answer)"),
            ],
            temperature: 0.2, maxTokens: 600)
        guard let completion = try? await model.complete(request),
            let rewritten = completion.message.content?.trimmingWhitespace(), !rewritten.isEmpty,
            rewritten.split(whereSeparator: \.isWhitespace).count <= maxWords,
            PersonalDataMasker().mask(rewritten) == rewritten
        else { return (extractive, .extractive) }
        var text = extractive
        text.answer = rewritten
        return (text, .model)
    }

    static let rewritePrompt = """
        You turn a customer's question and a support colleague's answer into a short help-centre article in Markdown. \
        Use only facts stated in the answer; add no prices, promises, steps or links it does not contain. No greeting, \
        no signature, no names, no personal data, no ticket numbers. Write the body only (no title), at most 150 words.
        """

    /// A title from the question: its first sentence of four words or more that asks something
    /// (else its first question, else its first sentence), at most 80 characters, cut at a word.
    static func title(for question: String) -> String {
        let sentences = SentenceSplitter.split(question).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let questions = sentences.filter { $0.hasSuffix("?") }
        var title = questions.first { $0.split(separator: " ").count >= 4 } ?? questions.first ?? sentences.first ?? question
        title = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if title.count > 80 {
            let cut = title.prefix(80)
            title = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
        }
        return title.prefix(1).uppercased() + title.dropFirst()
    }
}
