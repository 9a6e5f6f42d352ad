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
        let answer = "According to our documentation: " + leadingWords(of: passage, count: 40) + "."
        return .toolCalls(
            [.init(name: "send_response", arguments: JSONValue.object(["message": .string(answer)]).jsonString)],
            usage: TokenUsage(promptTokens: 780, completionTokens: 90, totalTokens: 870))
    }

    /// The first `count` words of `passage` that do not start with `[` (a source label's first
    /// word), joined by spaces.
    /// Splits at ASCII whitespace only and stops after `count` words: a tool result is several
    /// kilobytes, and a benchmark's model should cost little of the machine it shares.
    static func leadingWords(of passage: String, count: Int) -> String {
        var words: [Substring.UTF8View] = []
        let bytes = passage.utf8
        var index = bytes.startIndex
        while words.count < count, index < bytes.endIndex {
            guard !isASCIIWhitespace(bytes[index]) else {
                bytes.formIndex(after: &index)
                continue
            }
            let start = index
            while index < bytes.endIndex, !isASCIIWhitespace(bytes[index]) { bytes.formIndex(after: &index) }
            if bytes[start] != UInt8(ascii: "[") { words.append(bytes[start..<index]) }
        }
        return words.map { String(Substring($0)) }.joined(separator: " ")
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// What a model searches for: the customer's question without the letter around it — the
    /// message's longest paragraph, so an e-mail's greeting and sign-off are left out.
    public static func searchQuery(in text: String) -> String {
        let paragraphs = text.split(separator: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return paragraphs.max { $0.count < $1.count } ?? text
    }
}
