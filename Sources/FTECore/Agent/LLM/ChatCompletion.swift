/// The model's answer to a ``ChatRequest``.
public struct ChatCompletion: Sendable, Hashable {
    /// The assistant message: text, tool calls or both. Put it into the history as it is.
    public var message: ChatMessage
    /// Why generation stopped: `stop`, `length`, `tool_calls`, `content_filter`, …
    public var finishReason: String?
    /// Tokens used; zeros when the server did not say.
    public var usage: TokenUsage
    /// The model that answered, as the server names it.
    public var model: String?

    /// A completion with the given parts.
    public init(
        message: ChatMessage, finishReason: String? = nil, usage: TokenUsage = TokenUsage(), model: String? = nil
    ) {
        self.message = message
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }
}

/// Tokens one call used.
public struct TokenUsage: Sendable, Hashable {
    /// Tokens of the request (the conversation and tools).
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int
    /// Both together (as the server counts them; some count thinking tokens here only).
    public var totalTokens: Int

    /// Usage with the given counts.
    public init(promptTokens: Int = 0, completionTokens: Int = 0, totalTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }
}

extension ChatCompletion {
    /// Reads a `chat.completion` object: the first choice's message, its finish reason, usage
    /// and model.
    /// - Throws: ``LLMError`` `invalidResponse` saying what is missing or wrong.
    init(json: JSONValue) throws(LLMError) {
        guard case .object = json else {
            throw LLMError(.invalidResponse("the body is \(json.kindPhrase), not an object"))
        }
        guard let choice = json["choices"]?[0] else {
            let detail = json["error"]?["message"]?.stringValue.map { ": \(LLMErrorBody.shorten($0))" } ?? ""
            throw LLMError(.invalidResponse("the completion has no choices" + detail))
        }
        guard case .object(var members)? = choice["message"] else {
            throw LLMError(.invalidResponse("choices[0] has no message object"))
        }
        if members["role"] == nil { members["role"] = "assistant" }  // Sent back, so it must have one.
        let message = try ChatMessage(json: .object(members))
        guard message.role == .assistant else {
            throw LLMError(.invalidResponse("choices[0].message has role \(message.role.rawValue), not assistant"))
        }
        let usage = json["usage"]
        let prompt = usage?["prompt_tokens"]?.intValue ?? 0
        let completion = usage?["completion_tokens"]?.intValue ?? 0
        self.init(
            message: message, finishReason: choice["finish_reason"]?.stringValue,
            usage: TokenUsage(
                promptTokens: prompt, completionTokens: completion,
                totalTokens: usage?["total_tokens"]?.intValue ?? prompt + completion),
            model: json["model"]?.stringValue)
    }
}
