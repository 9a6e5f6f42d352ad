import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte mcp --http`: the official Python SDK's streamable HTTP client with the bearer token on
/// loopback; and the endpoint refusing what it must (no or a wrong token, a foreign Origin or
/// Host, bad flags) before any session exists.
@Suite(.timeLimit(.minutes(3))) struct MCPHTTPTests {
    static let token = "mcp-test-token-8c1f"

    /// A running `fte mcp --http 0`.
    struct Server {
        var process: RunningProcess
        var port: Int
        var url: String { "http://127.0.0.1:\(port)/mcp" }

        static func start(_ db: TestDatabase, arguments: [String] = []) async throws -> Server {
            let process = try FTEBinary.start(
                ["mcp", "--http", "0"] + arguments,
                environment: ["FTE_DATABASE_URL": db.url, "FTE_ADMIN_TOKEN": MCPHTTPTests.token])
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if let line = process.outputSoFar.split(separator: "\n").first(where: { $0.hasPrefix("fte mcp: serving MCP at http://127.0.0.1:") }),
                    let port = Int(line.split(separator: ":")[3].prefix { $0.isNumber })
                {
                    return Server(process: process, port: port)
                }
                if !process.isRunning { throw TestSetupError("fte mcp --http exited: \(process.errorsSoFar)") }
                try await Task.sleep(for: .milliseconds(50))
            }
            process.signal(SIGKILL)
            throw TestSetupError("fte mcp --http did not start within 30 s: \(process.errorsSoFar)")
        }

        func stop() async throws -> FTEBinary.Result {
            process.signal(SIGTERM)
            return try await process.wait()
        }
    }

    @Test func thePythonSDKsStreamableHTTPClientUsesTheDeskWithTheBearerToken() async throws {
        try await withTestDatabase { db in
            _ = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            let server = try await Server.start(db, arguments: ["--allow-writes"])
            let escalated = CRMFixtures.escalatedTicket.lowercasedString
            let report: MCPClientScript.Report
            let refused: any Error
            do {
                report = try await MCPClientScript.overHTTP([
                    MCPClientScript.listTools,
                    MCPClientScript.call("list_tickets", ["status": "escalated"]),
                    MCPClientScript.call("show_ticket", ["ticket_id": .string(escalated)]),
                    MCPClientScript.call("resolve_ticket", ["ticket_id": .string(escalated), "note": "Fixed in 4.2"]),
                    MCPClientScript.call("show_ticket", ["ticket_id": "not-a-ticket"]),
                    MCPClientScript.read("ticket://\(escalated)"),
                    MCPClientScript.prompt("draft_reply", ["ticket_id": escalated]),
                ], url: server.url, token: Self.token)
                refused = try await #require(throws: MCPClientScript.ClientFailure.self) {
                    try await MCPClientScript.overHTTP([MCPClientScript.listTools], url: server.url, token: "wrong-token")
                }
            } catch {
                _ = try? await server.stop()
                throw error
            }
            let stopped = try await server.stop()
            #expect(stopped.status == 0, "SIGTERM closes the sessions and exits 0: \(stopped.stderr)")

            let r = report.results
            try #require(r.count == 7, "\(report.stderr)")
            #expect(report.json["server"]?["name"]?.stringValue == "fte")
            #expect(report.toolNames.count == 7)
            #expect(r[1]["structuredContent"]?["tickets"]?[0]?["id"]?.stringValue == escalated)
            #expect(r[2]["structuredContent"]?["escalations"]?.arrayValue?.count == 1)
            #expect(r[3]["structuredContent"]?["actor"]?.stringValue == "mcp:mcp")
            #expect(r[4].isToolError && r[4].toolText.contains("invalid argument `ticket_id`"))
            #expect(try JSONValue(parsing: r[5]["contents"]?[0]?["text"]?.stringValue ?? "")["ticket"]?["status"] == "resolved")
            #expect(r[6]["messages"]?.arrayValue?.last?["content"]?["text"]?.stringValue?.contains("reply_to_ticket only once I approve it") == true)
            #expect("\(refused)".contains("401"), "\(refused)")
        }
    }

    @Test func theEndpointRefusesMissingOrWrongTokensAndForeignOriginsOrHosts() async throws {
        try await withTestDatabase { db in
            let server = try await Server.start(db)
            let client = HTTPClient()
            let initialize = Data(
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}"#.utf8)
            func post(_ headers: [(String, String)], body: Data = initialize) async throws -> HTTPClientResponse {
                var fields: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
                for (name, value) in headers { fields.add(name: name, value: value) }
                return try await client.send(HTTPClientRequest(.post, url: server.url, headers: fields, body: body, timeout: .seconds(20)))
            }
            let bearer = ("Authorization", "Bearer \(Self.token)")
            do {
                let missing = try await post([])
                #expect(missing.status == 401)
                #expect(missing.headers["WWW-Authenticate"] == "Bearer")
                #expect(missing.text.contains("FTE_ADMIN_TOKEN") && !missing.text.contains(Self.token))
                #expect(try await post([("Authorization", "Bearer wrong")]).status == 401)
                #expect(try await post([("Authorization", "Bearer \(Self.token)x")]).status == 401)
                #expect(try await post([("Authorization", "Basic \(Self.token)")]).status == 401)
                #expect(try await post([("Authorization", Self.token)]).status == 401)

                // DNS rebinding: a page elsewhere, even resolving to 127.0.0.1, is refused.
                #expect(try await post([bearer, ("Origin", "http://evil.example")]).status == 403)
                #expect(try await post([bearer, ("Origin", "http://127.0.0.1:1")]).status == 403, "another port is another origin")
                #expect(try await post([bearer, ("Origin", "null")]).status == 403)
                #expect(try await post([bearer, ("Host", "evil.example:\(server.port)")]).status == 421)
                #expect(try await post([("Origin", "http://evil.example")]).status == 403, "refused before the token is even checked")

                // The server's own origin, and loopback names, are fine.
                let ownOrigin = try await post([bearer, ("Origin", "http://localhost:\(server.port)")])
                #expect(ownOrigin.status == 200, "\(ownOrigin.text)")
                #expect(ownOrigin.headers["Content-Type"] == "text/event-stream")
                #expect(ownOrigin.headers["Mcp-Session-Id"] != nil)
                #expect(ownOrigin.text.contains(#""serverInfo""#), "\(ownOrigin.text)")
                #expect(try await post([bearer, ("Host", "localhost:\(server.port)")]).status == 200)

                // Without a session, only initialize opens one; an unknown session is 404.
                let listTools = Data(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#.utf8)
                #expect(try await post([bearer], body: listTools).status == 400)
                #expect(try await post([bearer, ("Mcp-Session-Id", "no-such-session")], body: listTools).status == 404)
                #expect(try await post([bearer], body: Data(repeating: UInt8(ascii: " "), count: 2 << 20)).status == 413)
                #expect(try await post([bearer], body: Data("not json".utf8)).status == 400)
            } catch {
                await client.shutdown()
                _ = try? await server.stop()
                throw error
            }
            await client.shutdown()
            #expect(try await server.stop().status == 0)
        }
    }

    @Test func badHTTPSettingsAreUsageErrors() async throws {
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["mcp", "--http", "0"], [:], "fte mcp --http needs the admin bearer token: set FTE_ADMIN_TOKEN"),
            (["mcp", "--http", "70000"], ["FTE_ADMIN_TOKEN": "t"], "--http must be a port from 0 to 65535 (got 70000)"),
            (["mcp"], ["FTE_MCP_HTTP_PORT": "http", "FTE_ADMIN_TOKEN": "t"], "FTE_MCP_HTTP_PORT must be a whole number in 0...65535"),
            (["mcp", "--host", "0.0.0.0"], [:], "--host and --allow-origin apply to --http only"),
            (["mcp", "--http", "0", "--allow-origin", "desk.example.com"], ["FTE_ADMIN_TOKEN": "t"], "--allow-origin must be an origin such as https://desk.example.com"),
            (["mcp", "--http", "0", "--allow-origin", "https://desk.example.com/path"], ["FTE_ADMIN_TOKEN": "t"], "--allow-origin must be an origin"),
            (["mcp", "--http", "0"], ["FTE_ADMIN_TOKEN": "t", "FTE_MCP_ALLOW_WRITES": "maybe"], "FTE_MCP_ALLOW_WRITES must be true or false"),
        ]
        for (arguments, environment, message) in cases {
            var env = environment
            env["FTE_DATABASE_URL"] = "postgres://fte@127.0.0.1:1/none?connect_timeout=1"
            let run = try await FTEBinary.run(arguments, environment: env)
            #expect(run.status == 64, "\(arguments) \(environment): \(run.status) \(run.stderr)")
            #expect(run.stderrLines == ["error: \(message)"] || run.stderrLines.first?.hasPrefix("error: \(message)") == true, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }
}
