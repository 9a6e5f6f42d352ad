extension ChatMessage {
    /// The message as sent to the server: the received object when there is one, else
    /// `{role, content, tool_calls?, tool_call_id?}` in the OpenAI schema.
    public var json: JSONValue {
        if let receivedJSON { return receivedJSON }
        var members: [String: JSONValue] = [
            "role": .string(role.rawValue), "content": content.map(JSONValue.string) ?? .null,
        ]
        if !toolCalls.isEmpty {
            members["tool_calls"] = .array(toolCalls.map { call in
                [
                    "id": .string(call.id), "type": "function",
                    "function": ["name": .string(call.name), "arguments": .string(call.arguments)],
                ]
            })
        }
        if let toolCallID { members["tool_call_id"] = .string(toolCallID) }
        return .object(members)
    }

    /// Appends ``json``'s bytes (keys sorted) without building the object first.
    func writeJSON(to bytes: inout [UInt8]) {
        if let receivedJSON { return receivedJSON.write(to: &bytes) }
        JSONMembers.object(in: &bytes) { members, bytes in
            members.key("content", in: &bytes)
            if let content { JSONObjectWriter.appendString(content, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
            members.string("role", role.rawValue, in: &bytes)
            if let toolCallID { members.string("tool_call_id", toolCallID, in: &bytes) }
            guard !toolCalls.isEmpty else { return }
            members.array("tool_calls", toolCalls, in: &bytes) { call, bytes in
                JSONMembers.object(in: &bytes) { members, bytes in
                    members.key("function", in: &bytes)
                    JSONMembers.object(in: &bytes) { function, bytes in
                        function.string("arguments", call.arguments, in: &bytes)
                        function.string("name", call.name, in: &bytes)
                    }
                    members.string("id", call.id, in: &bytes)
                    members.string("type", "function", in: &bytes)
                }
            }
        }
    }

    /// Reads a message object in the OpenAI schema and keeps it whole (``receivedJSON``).
    ///
    /// Lenient where servers differ: `content` may be absent, `null`, a string or an array of
    /// text parts (joined); tool-call `arguments` may be a JSON string or, from some local
    /// servers, an object (kept as its JSON text).
    /// - Throws: ``LLMError`` `invalidResponse` saying which field is missing or wrong.
    public init(json: JSONValue) throws(LLMError) {
        guard case .object(let members) = json else {
            throw Self.invalid("the message is \(json.kindPhrase), not an object")
        }
        guard let roleName = members["role"]?.stringValue else { throw Self.invalid("the message has no role") }
        guard let role = Role(rawValue: roleName) else { throw Self.invalid("unknown message role \(roleName)") }
        let content = try Self.content(members["content"])
        var toolCalls: [ToolCall] = []
        switch members["tool_calls"] {
        case nil, .null?: break
        case .array(let calls)?:
            for (index, call) in calls.enumerated() { toolCalls.append(try Self.toolCall(call, index: index)) }
        case let other?: throw Self.invalid("tool_calls is \(other.kindPhrase), not an array")
        }
        self.init(
            role: role, content: content, toolCalls: toolCalls, toolCallID: members["tool_call_id"]?.stringValue,
            receivedJSON: json)
    }

    private static func content(_ value: JSONValue?) throws(LLMError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined()
        case let other?: throw invalid("content is \(other.kindPhrase)")
        }
    }

    private static func toolCall(_ value: JSONValue, index: Int) throws(LLMError) -> ToolCall {
        guard let id = value["id"]?.stringValue else { throw invalid("tool_calls[\(index)] has no id") }
        guard let function = value["function"], let name = function["name"]?.stringValue else {
            throw invalid("tool_calls[\(index)] has no function name")
        }
        let arguments: String
        switch function["arguments"] {
        case nil, .null?: arguments = ""
        case .string(let text)?: arguments = text
        case let other?: arguments = other.jsonString
        }
        return ToolCall(id: id, name: name, arguments: arguments)
    }

    private static func invalid(_ problem: String) -> LLMError {
        LLMError(.invalidResponse(problem))
    }
}

extension ChatMessage: Codable {
    /// Decodes a message from its wire JSON (see ``init(json:)``).
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            try self.init(json: json)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the message as its wire JSON (``json``).
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
