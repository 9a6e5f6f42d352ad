import Foundation

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
        // The best-ranked passage retrieval is confident about (ranks fuse vector and full text).
        guard let best = results.first(where: { $0.similarity >= minimumSimilarity }) else {
            let reason = unavailableReason
            return AgentOutcome(
                body: notice.text(for: reason),
                escalation: .init(reason: reason, summary: "Built-in responder: \(reason.description) Customer wrote: \(request.event.content.prefix(300))"),
                author: .builtin, toolCalls: [trace, ToolCallTrace(name: "escalate_to_human", arguments: #"{"reason": "\#(reason.rawValue)"}"#, result: "escalated")])
        }
        return AgentOutcome(
            body: "Here is what our help centre says about \(Self.readableTitle(best.title)):\n\n\(Self.passage(best.content))",
            author: .builtin, sources: [best], toolCalls: [trace])
    }

    /// The passage without Markdown headings and emphasis, its lines kept (lists stay lists),
    /// cut after about 120 words at a line or sentence end.
    static func passage(_ content: String) -> String {
        var lines: [String] = []
        var words = 0
        for raw in content.split(separator: "\n") {
            let line = String(raw.drop { $0 == "#" || $0 == ">" }).replacingOccurrences(of: "**", with: "").trimmingWhitespace()
            guard !line.isEmpty, !line.allSatisfy({ "=-_*".contains($0) }) else { continue }
            let count = line.split(separator: " ").count
            if words > 0, words + count > 120 { break }
            lines.append(line)
            words += count
        }
        return lines.joined(separator: "\n")
    }

    /// "RESETTING YOUR PASSWORD" reads as "Resetting your password".
    static func readableTitle(_ title: String) -> String {
        guard title == title.uppercased(), let first = title.first else { return title }
        return first.uppercased() + title.dropFirst().lowercased()
    }
}
