/// Answers without the LLM (no key, or the LLM failing): the best knowledge-base passage when
/// retrieval is confident, else an escalation with an apology and an ETA.
public struct BuiltinResponder: Sendable {
    /// The cosine similarity above which the best passage is trusted (`FTE_BUILTIN_MIN_SIMILARITY`).
    public var minimumSimilarity: Double
    public static let defaultMinimumSimilarity = 0.5
    private let search: KnowledgeSearch
    private let notice: EscalationNotice

    public init(search: KnowledgeSearch, notice: EscalationNotice, minimumSimilarity: Double = Self.defaultMinimumSimilarity) {
        self.search = search
        self.notice = notice
        self.minimumSimilarity = minimumSimilarity
    }

    /// The built-in answer to `request`.
    /// - Parameter unavailableReason: the escalation reason when no confident passage exists:
    ///   `agentUnavailable` while the LLM fails, `noRelevantKnowledge` when none is configured.
    public func respond(to request: AgentRequest, unavailableReason: EscalationReason) async -> AgentOutcome {
        let query = request.event.subject.map { "\($0). \(request.event.content)" } ?? request.event.content
        let results: [KnowledgeSearchResult]
        var trace: ToolCallTrace
        do {
            results = try await search.search(String(query.prefix(2_000)), k: 3)
            trace = ToolCallTrace(
                name: "search_knowledge_base", arguments: #"{"query": "(the customer's message)"}"#,
                result: results.map { "\($0.source) \($0.similarity)" }.joined(separator: "; "))
        } catch {
            results = []
            trace = ToolCallTrace(name: "search_knowledge_base", arguments: "{}", result: "failed: \(error)")
        }
        guard let best = results.max(by: { $0.similarity < $1.similarity }), best.similarity >= minimumSimilarity else {
            let reason = unavailableReason
            return AgentOutcome(
                body: notice.text(for: reason),
                escalation: .init(reason: reason, summary: "Built-in responder: \(reason.description) Customer wrote: \(request.event.content.prefix(300))"),
                author: .builtin, toolCalls: [trace, ToolCallTrace(name: "escalate_to_human", arguments: #"{"reason": "\#(reason.rawValue)"}"#, result: "escalated")])
        }
        return AgentOutcome(
            body: "Here is what our help centre says about \(best.title):\n\n\(Self.passage(best.content))",
            author: .builtin, sources: [best], toolCalls: [trace])
    }

    /// The passage as prose: Markdown markers dropped, at most about 120 words, whole sentences.
    static func passage(_ content: String) -> String {
        let lines: [String] = content.split(separator: "\n").map { line in
            String(line.drop { "#>*- ".contains($0) }).trimmingWhitespace()
        }.filter { !$0.isEmpty }
        var text = ""
        for sentence in SentenceSplitter.split(lines.joined(separator: " ")) {
            if !text.isEmpty, (text + " " + sentence).split(separator: " ").count > 120 { break }
            text += text.isEmpty ? sentence : " " + sentence
        }
        return text
    }
}
