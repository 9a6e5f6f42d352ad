import FTECore
import Foundation
import Logging
import MCP

extension SupportDesk {
    /// The tools this desk offers: the write tools only with ``Options/allowWrites``.
    var offeredTools: [DeskTool] {
        Self.tools.filter { options.allowWrites || !$0.writes }
    }

    func registerTools(on server: Server, session: DeskSession) async {
        let definitions = offeredTools.map(\.definition)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: definitions) }
        await server.withMethodHandler(CallTool.self) { [self] call in try await self.call(call, in: session) }
    }

    /// Runs one tool call. Everything that goes wrong with a known tool is a tool error
    /// (`isError`) with a message for the model; only an unknown tool is a protocol error.
    func call(_ call: CallTool.Parameters, in session: DeskSession) async throws -> CallTool.Result {
        guard let tool = Self.tools.first(where: { $0.name == call.name }) else {
            throw MCPError.invalidParams(
                "unknown tool \(ToolArguments.quoted(call.name)); the tools are \(offeredTools.map(\.name).joined(separator: ", "))")
        }
        guard options.allowWrites || !tool.writes else {
            return Self.failure(
                "\(tool.name) changes tickets, and this server is read-only: an operator must start it with `fte mcp --allow-writes` to allow replies, escalations and resolutions")
        }
        do {
            let arguments = try ToolArguments(call.arguments, accepted: JSONSchema.propertyNames(of: tool.definition.inputSchema), tool: tool.name)
            return try Self.success(try await tool.run(self, arguments, session))
        } catch {
            return failure(for: error, tool: tool.name)
        }
    }

    /// A result as pretty JSON text (what models read) and as structured content.
    static func success(_ value: some Encodable) throws -> CallTool.Result {
        let data = try JSONEncoder.records(prettyPrinted: true).encode(value)
        let structured: Value? = try JSONDecoder().decode(Value.self, from: data)
        return CallTool.Result(
            content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)],
            structuredContent: structured, isError: false)
    }

    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// The message a failed call answers with: the core's own safe messages (which never carry
    /// secrets or SQL), a generic one for anything unexpected (logged in full on standard error).
    private func failure(for error: any Error, tool: String) -> CallTool.Result {
        switch error {
        case let failure as ToolFailure: return Self.failure(failure.message)
        case let error as TicketError: return Self.failure(error.message)
        case let error as KnowledgeError: return Self.failure(error.message)
        case let error as EmbeddingError: return Self.failure("the knowledge base cannot be searched: \(error.description)")
        case let error as SearchUnavailable: return Self.failure("the knowledge base cannot be searched: \(error.message)")
        case let error as DatabaseError:
            logger.error("\(tool) failed", metadata: ["error": "\(error)"])
            switch error.code {
            case .connectionFailed, .connectionLost, .poolTimeout:
                return Self.failure("the database cannot be reached right now; try again shortly (\(error.message))")
            default:
                return Self.failure("\(tool) failed in the database (\(error.description))")
            }
        default:
            logger.error("\(tool) failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.failure("\(tool) failed with an internal error; the server's log has the details")
        }
    }
}

/// The embedder for knowledge-base searches could not be loaded (the model is not installed,
/// say); the ticket tools keep working.
public struct SearchUnavailable: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
