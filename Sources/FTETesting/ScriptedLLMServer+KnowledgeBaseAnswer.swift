import Foundation
import FTECore

extension ScriptedLLMServer.Reply {
    /// A stand-in for a helpful model in two tool turns: first a knowledge-base search for the
    /// customer's question (``searchQuery(in:)``), then, once a search result is in the
    /// conversation, `send_response` quoting the best passage. Used by `fte-scripted-llm` and
    /// `fte simulate`.
    public static func knowledgeBaseAnswer(to request: ScriptedLLMServer.Request) -> ScriptedLLMServer.Reply {
        let toolResults = request.messages.filter { $0["role"]?.stringValue == "tool" }
        guard let passage = toolResults.last?["content"]?.stringValue else {
            let question = JSONValue.string(String(searchQuery(in: request.lastUserText ?? "help").prefix(300)))
            return .toolCalls(
                [.init(name: "search_knowledge_base", arguments: JSONValue.object(["query": question]).jsonString)],
                usage: TokenUsage(promptTokens: 420, completionTokens: 24, totalTokens: 444))
        }
        let words = passage.split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("[") }.prefix(40)
        let answer = "According to our documentation: " + words.joined(separator: " ") + "."
        return .toolCalls(
            [.init(name: "send_response", arguments: JSONValue.object(["message": .string(answer)]).jsonString)],
            usage: TokenUsage(promptTokens: 780, completionTokens: 90, totalTokens: 870))
    }

    /// What a model searches for: the customer's question without the letter around it — the
    /// message's longest paragraph, so an e-mail's greeting and sign-off are left out.
    public static func searchQuery(in text: String) -> String {
        let paragraphs = text.split(separator: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return paragraphs.max { $0.count < $1.count } ?? text
    }
}
