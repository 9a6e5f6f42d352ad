import FTECore
import FTETestSupport
import Foundation
import Testing

/// Tests/MCP/mcp_client.py: the official Python MCP SDK (PyPI `mcp`, in the venv scripts/setup.sh
/// makes) driving `fte mcp` as any MCP client would.
enum MCPClientScript {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/MCP/mcp_client.py")

    /// `FTE_BROWSER_PYTHON` (scripts/test.sh sets it), else the venv scripts/setup.sh makes.
    static var python: String {
        ProcessInfo.processInfo.environment["FTE_BROWSER_PYTHON"]
            ?? repository.appendingPathComponent(".local/venv/bin/python").path
    }

    /// What the client saw: the session's handshake and one result per step.
    struct Report: Sendable {
        var json: JSONValue
        var stderr: String

        var results: [JSONValue] { json["results"]?.arrayValue ?? [] }
        var toolNames: [String] {
            results.first { $0["tools"] != nil }?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
    }

    // MARK: - Steps

    static let listTools: JSONValue = ["op": "list_tools"]
    static let listResources: JSONValue = ["op": "list_resources"]
    static let listResourceTemplates: JSONValue = ["op": "list_resource_templates"]
    static let listPrompts: JSONValue = ["op": "list_prompts"]

    static func call(_ tool: String, _ arguments: JSONValue = [:]) -> JSONValue {
        ["op": "call_tool", "name": .string(tool), "arguments": arguments]
    }

    static func read(_ uri: String) -> JSONValue { ["op": "read_resource", "uri": .string(uri)] }

    static func prompt(_ name: String, _ arguments: [String: String]) -> JSONValue {
        ["op": "get_prompt", "name": .string(name), "arguments": .object(arguments.mapValues(JSONValue.string))]
    }

    // MARK: - Running

    /// Runs the steps against `fte mcp ARGS…` over stdio; `environment` is all the server gets
    /// besides `PATH` and `HOME` (where the embedding model is found).
    static func overStdio(
        _ steps: [JSONValue], fteArguments: [String] = [], environment: [String: String]
    ) async throws -> Report {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for name in ["HOME", "FTE_MODEL_HOME", "FTE_EMBED_MODEL_DIR"] {
            if let value = ProcessInfo.processInfo.environment[name] { env[name] = value }
        }
        env.merge(environment) { $1 }
        return try await run(["stdio", JSONValue.array(steps).jsonString, FTEBinary.path, "mcp"] + fteArguments, environment: env)
    }

    /// Runs the steps over the streamable HTTP transport at `url`, sending `token` as the bearer
    /// token when given.
    static func overHTTP(_ steps: [JSONValue], url: String, token: String?) async throws -> Report {
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return try await run(["http", JSONValue.array(steps).jsonString, url] + (token.map { [$0] } ?? []), environment: env)
    }

    /// Runs the script; a session that could not be opened throws with the script's reason.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Report {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestSetupError("the MCP tests need the Python MCP SDK in \(python): run scripts/setup.sh (or set FTE_BROWSER_PYTHON)")
        }
        let result = try await RunningProcess(executable: python, arguments: [script.path] + arguments, environment: environment).wait()
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last else {
            throw ClientFailure(status: result.status, stderr: result.stderr)
        }
        return Report(json: try JSONValue(parsing: String(line)), stderr: result.stderr)
    }

    /// The client could not open or keep its session.
    struct ClientFailure: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String { "mcp_client.py exited with \(status):\n\(stderr.suffix(3_000))" }
    }
}

extension JSONValue {
    /// A `tools/call` result's first text block.
    var toolText: String { self["content"]?[0]?["text"]?.stringValue ?? "" }
    /// Whether a `tools/call` result is a tool error.
    var isToolError: Bool { self["isError"]?.boolValue == true }
    /// The JSON-RPC error of a step that was answered with one.
    var rpcError: (code: Int, message: String)? {
        guard let error = self["error"], let code = error["code"]?.intValue else { return nil }
        return (code, error["message"]?.stringValue ?? "")
    }
}
