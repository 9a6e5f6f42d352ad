import Foundation
import FTECore

extension ScriptedLLMServer.Reply {
    /// A stand-in for a helpful model in two tool turns: first a knowledge-base search for the
    /// customer's question (``searchQuery(in:)``), then, once a search result is in the
    /// conversation, `send_response` quoting the best passage. Used by `fte-scripted-llm` and
    /// `fte simulate`.
    ///
    /// Like real models, it passes a `category` it guesses from the ticket categories it was
    /// offered (`technical` for a message about an error or a crash, `billing` for one about a
    /// payment), which the knowledge base may not have; and it scores the customer's sentiment.
    public static func knowledgeBaseAnswer(to request: ScriptedLLMServer.Request) -> ScriptedLLMServer.Reply {
        let toolResults = request.messages.filter { $0["role"]?.stringValue == "tool" }
        let customerText = request.lastUserText ?? "help"
        guard let result = toolResults.last?["content"]?.stringValue else {
            var arguments: [String: JSONValue] = ["query": .string(String(searchQuery(in: customerText).prefix(300)))]
            if let category = guessedCategory(of: customerText) { arguments["category"] = .string(category) }
            return .toolCalls(
                [.init(name: "search_knowledge_base", arguments: JSONValue.object(arguments).jsonString)],
                usage: TokenUsage(promptTokens: 420, completionTokens: 24, totalTokens: 444))
        }
        let answer = "According to our documentation: " + leadingWords(of: passages(in: result), count: 40) + "."
        let sentiment: JSONValue = .number(customerText.contains("!!") || customerText == customerText.uppercased() ? 0.2 : 0.6)
        return .toolCalls(
            [.init(name: "send_response", arguments: JSONValue.object(["message": .string(answer), "customer_sentiment": sentiment]).jsonString)],
            usage: TokenUsage(promptTokens: 780, completionTokens: 90, totalTokens: 870))
    }

    /// The ticket category a model would pass as the search's `category`, or `nil`.
    static func guessedCategory(of text: String) -> String? {
        let lower = text.lowercased()
        if ["error", "crash", "bug", "technical", "fails"].contains(where: lower.contains) { return "technical" }
        if ["invoice", "payment", "billing", "vat"].contains(where: lower.contains) { return "billing" }
        return nil
    }

    /// A search result from its first source label on: what the tool said about the scope
    /// before it ("There is no category …") is not documentation.
    static func passages(in result: String) -> String {
        guard let label = result.range(of: "\n\n[") else { return result }
        return result.hasPrefix("[") ? result : String(result[result.index(label.lowerBound, offsetBy: 2)...])
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
