/// One message of a conversation with a chat model.
///
/// A message received from the model keeps the JSON object the server sent (``receivedJSON``)
/// and goes back in the history as exactly that object, with every field fte does not know.
/// Gemini needs this: each tool call carries an opaque thought signature
/// (`tool_calls[i].extra_content.google.thought_signature`), and a history without it is refused.
/// That is why the properties are read-only: a changed message would no longer match its JSON.
///
/// Messages are `Codable` as their wire JSON, so a conversation can be stored and replayed.
public struct ChatMessage: Sendable, Hashable {
    /// Who wrote a message.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case system, user, assistant, tool
    }

    /// Who wrote the message.
    public let role: Role
    /// The text; `nil` for an assistant message that only calls tools.
    public let content: String?
    /// The tools an assistant message calls, in order.
    public let toolCalls: [ToolCall]
    /// For a tool message: the id of the call it answers.
    public let toolCallID: String?
    /// The message object as the server sent it, for messages parsed from JSON; `nil` for
    /// messages built in fte.
    public let receivedJSON: JSONValue?

    /// A message with the given parts.
    public init(role: Role, content: String?, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.init(role: role, content: content, toolCalls: toolCalls, toolCallID: toolCallID, receivedJSON: nil)
    }

    init(role: Role, content: String?, toolCalls: [ToolCall], toolCallID: String?, receivedJSON: JSONValue?) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.receivedJSON = receivedJSON
    }

    /// Instructions for the model.
    public static func system(_ content: String) -> ChatMessage {
        ChatMessage(role: .system, content: content)
    }

    /// What the customer (or the caller) says.
    public static func user(_ content: String) -> ChatMessage {
        ChatMessage(role: .user, content: content)
    }

    /// A text answer of the model, e.g. from a stored conversation.
    public static func assistant(_ content: String) -> ChatMessage {
        ChatMessage(role: .assistant, content: content)
    }

    /// A tool's answer to the call with id `callID`.
    public static func tool(callID: String, content: String) -> ChatMessage {
        ChatMessage(role: .tool, content: content, toolCallID: callID)
    }
}
