/// A tool the model may call: a function with a JSON Schema for its arguments.
public struct ToolDefinition: Sendable, Hashable {
    /// The function name the model uses (letters, digits, `_` and `-`).
    public var name: String
    /// What the tool does and when to use it, for the model.
    public var description: String
    /// A JSON Schema of the arguments object, e.g.
    /// `["type": "object", "properties": ["query": ["type": "string"]], "required": ["query"]]`.
    public var parameters: JSONValue

    /// A tool called `name`.
    public init(name: String, description: String, parameters: JSONValue = ["type": "object", "properties": [:]]) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }

    /// Appends ``json``'s bytes (keys sorted) without building the wrapper objects.
    func writeJSON(to bytes: inout [UInt8]) {
        JSONMembers.object(in: &bytes) { members, bytes in
            members.key("function", in: &bytes)
            JSONMembers.object(in: &bytes) { function, bytes in
                function.string("description", description, in: &bytes)
                function.string("name", name, in: &bytes)
                function.key("parameters", in: &bytes)
                parameters.write(to: &bytes)
            }
            members.string("type", "function", in: &bytes)
        }
    }

    /// `{"type": "function", "function": {name, description, parameters}}`.
    var json: JSONValue {
        [
            "type": "function",
            "function": ["name": .string(name), "description": .string(description), "parameters": parameters],
        ]
    }
}

/// Whether and which tool the model must call.
public enum ToolChoice: Sendable, Hashable {
    /// The model decides (the default).
    case auto
    /// The model must answer in text.
    case none
    /// The model must call at least one tool.
    case required
    /// The model must call the tool with this name.
    case function(String)

    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "function": {"name": …}}`.
    var json: JSONValue {
        switch self {
        case .auto: return "auto"
        case .none: return "none"
        case .required: return "required"
        case .function(let name): return ["type": "function", "function": ["name": .string(name)]]
        }
    }
}
