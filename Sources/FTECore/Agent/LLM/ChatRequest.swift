/// A conversation to continue, with the tools the model may call.
public struct ChatRequest: Sendable, Hashable {
    /// The model, or `nil` for the client's configured one (`FTE_LLM_MODEL`).
    public var model: String?
    /// The conversation so far, oldest first.
    public var messages: [ChatMessage]
    /// Tools the model may call; none by default.
    public var tools: [ToolDefinition]
    /// Whether the model must call a tool; only sent when there are tools.
    public var toolChoice: ToolChoice
    /// Sampling temperature, or the server's default.
    public var temperature: Double?
    /// Most tokens to generate, or the server's default.
    public var maxTokens: Int?

    /// A request with the given parts.
    public init(
        model: String? = nil, messages: [ChatMessage], tools: [ToolDefinition] = [], toolChoice: ToolChoice = .auto,
        temperature: Double? = nil, maxTokens: Int? = nil
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.temperature = temperature
        self.maxTokens = maxTokens
    }

    /// The `POST /chat/completions` body for `model` (used when ``model`` is `nil`).
    func json(defaultModel: String) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model ?? defaultModel),
            "messages": .array(messages.map(\.json)),
        ]
        if !tools.isEmpty {
            body["tools"] = .array(tools.map(\.json))
            body["tool_choice"] = toolChoice.json
        }
        if let temperature { body["temperature"] = .number(temperature) }
        if let maxTokens { body["max_tokens"] = .number(Double(maxTokens)) }
        return .object(body)
    }
}
