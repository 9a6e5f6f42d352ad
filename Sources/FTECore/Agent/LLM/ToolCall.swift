/// A model's request to call one tool, as the model sent it.
public struct ToolCall: Sendable, Hashable {
    /// The call's id; the tool's answer names it (``ChatMessage/tool(callID:content:)``).
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments as the model wrote them: JSON text that should hold an object, but models
    /// can emit anything, so check it with ``argumentsObject()``.
    public var arguments: String

    /// A call of tool `name` with `arguments` (JSON text).
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The arguments parsed as a JSON object. Empty or blank arguments count as `{}`, as some
    /// servers send them for tools without parameters.
    /// - Throws: ``ToolArgumentsError`` when they are not JSON, or JSON but not an object.
    public func argumentsObject() throws(ToolArgumentsError) -> [String: JSONValue] {
        if arguments.allSatisfy(\.isWhitespace) { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: arguments)
        } catch {
            throw ToolArgumentsError(callID: id, toolName: name, problem: .notJSON)
        }
        guard case .object(let members) = value else {
            throw ToolArgumentsError(callID: id, toolName: name, problem: .notAnObject(value.kindName))
        }
        return members
    }
}

/// A tool call's arguments are unusable. The description names the tool and the call, never the
/// arguments themselves (they may hold customer data), so it can go back to the model as the
/// tool's answer.
public struct ToolArgumentsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the arguments.
    public enum Problem: Sendable, Equatable {
        /// They are not valid JSON.
        case notJSON
        /// They are JSON of another kind (`array`, `string`, …) instead of an object.
        case notAnObject(String)
    }

    /// The call's id.
    public let callID: String
    /// The tool's name.
    public let toolName: String
    /// What is wrong.
    public let problem: Problem

    public var description: String {
        switch problem {
        case .notJSON:
            return "the arguments of call \(callID) to tool \(toolName) are not valid JSON"
        case .notAnObject(let kind):
            return "the arguments of call \(callID) to tool \(toolName) must be a JSON object, "
                + "not \(JSONValue.phrase(forKind: kind))"
        }
    }
}
