import FTECore
import MCP

/// One tool of the desk: what the client's model reads about it, and what a call does.
struct DeskTool: Sendable {
    /// Name, description, argument schema and hints, as `tools/list` returns them.
    var definition: Tool
    /// Whether it changes tickets or reaches customers (offered only with `--allow-writes`).
    var writes: Bool
    /// Runs a call with its arguments already checked against the schema's field names.
    var run: @Sendable (SupportDesk, ToolArguments, DeskSession) async throws -> any Encodable & Sendable

    var name: String { definition.name }

    init(
        _ name: String, title: String, writes: Bool = false, description: String, arguments: Value,
        run: @escaping @Sendable (SupportDesk, ToolArguments, DeskSession) async throws -> any Encodable & Sendable
    ) {
        definition = Tool(
            name: name, title: title, description: description, inputSchema: arguments,
            annotations: writes
                ? .init(title: title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)
                : .init(title: title, readOnlyHint: true, openWorldHint: false))
        self.writes = writes
        self.run = run
    }
}
