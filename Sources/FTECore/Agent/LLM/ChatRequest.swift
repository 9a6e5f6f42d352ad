import Foundation

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

    /// The `POST /chat/completions` body for `defaultModel` (used when ``model`` is `nil`): the
    /// bytes of ``json(defaultModel:)``, written directly (a run sends the whole conversation and
    /// every tool definition with each turn, and building them as JSON values first cost more
    /// than the rest of the request).
    func body(defaultModel: String) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        JSONMembers.object(in: &bytes) { members, bytes in
            if let maxTokens { members.key("max_tokens", in: &bytes); bytes.append(contentsOf: String(maxTokens).utf8) }
            members.array("messages", messages, in: &bytes) { message, bytes in message.writeJSON(to: &bytes) }
            members.string("model", model ?? defaultModel, in: &bytes)
            if let temperature { members.key("temperature", in: &bytes); JSONValue.number(temperature).write(to: &bytes) }
            if !tools.isEmpty {
                members.key("tool_choice", in: &bytes)
                toolChoice.json.write(to: &bytes)
                members.array("tools", tools, in: &bytes) { tool, bytes in tool.writeJSON(to: &bytes) }
            }
        }
        return Data(bytes)
    }

    /// The `POST /chat/completions` body as a JSON value (what ``body(defaultModel:)`` writes).
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
