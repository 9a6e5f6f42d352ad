import ArgumentParser
import FTECore
import FTEMCP
import Foundation

/// `fte mcp`: the agent's tools and the ticket desk for any Model Context Protocol client.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the knowledge base and the ticket desk to MCP clients (Claude, IDE agents, copilots).",
        discussion: """
            Speaks the Model Context Protocol on standard input/output (what desktop and IDE clients start), \
            or with --http on the streamable HTTP transport at /mcp, bound to loopback unless --host says \
            otherwise; every HTTP request needs the admin token (FTE_ADMIN_TOKEN) as a bearer token. Tools: \
            search_knowledge_base, get_customer_history, list_tickets, show_ticket and, with --allow-writes, \
            reply_to_ticket, escalate_ticket, resolve_ticket: the code paths of `fte ticket`, so the outbox, \
            the audit trail and the AI agent's reply rules apply. Resources: kb://<document> and \
            ticket://<id>. Prompts: draft_reply and summarise_customer. See docs/mcp.md.
            """)

    @Option(
        name: .customLong("http"),
        help: ArgumentHelp(
            "Serve the streamable HTTP transport on this port instead of stdio, 0 for any free port (env FTE_MCP_HTTP_PORT).",
            valueName: "port"))
    var httpPort: Int?

    @Option(help: ArgumentHelp("Address --http listens on (env FTE_MCP_HOST; default 127.0.0.1).", valueName: "address"))
    var host: String?

    @Option(
        name: .customLong("allow-origin"),
        help: ArgumentHelp(
            "A browser origin allowed to call --http besides its own, e.g. https://desk.example.com; repeatable (env FTE_MCP_ALLOWED_ORIGINS, comma-separated).",
            valueName: "origin"))
    var allowedOrigins: [String] = []

    @Flag(help: "Offer reply_to_ticket, escalate_ticket and resolve_ticket (env FTE_MCP_ALLOW_WRITES=true).")
    var allowWrites = false

    @Option(
        name: .customLong("by"),
        help: ArgumentHelp("Name recorded on ticket changes (env FTE_ACTOR; default: the client's name, as mcp:<name>).", valueName: "name"))
    var actor: String?

    @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.logger("fte.mcp")
        let http = try httpConfiguration(environment)
        let options: SupportDesk.Options
        do {
            options = SupportDesk.Options(
                allowWrites: try allowWrites || ConfigKey.mcpAllowWrites.boolean(environment: environment, default: false),
                actor: ConfigKey.actor.resolve(flag: actor, environment: environment))
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
        let embedding = embedding
        try await database.withDatabase(logger: logger) { db in
            try await Serve.requireMigrated(db)
            let desk = SupportDesk(
                database: db, options: options, checks: ReplyChecks.fromEnvironment(environment),
                embedder: {
                    do {
                        return try await embedding.makeEmbedder()
                    } catch let failure as CommandFailure {
                        throw SearchUnavailable(failure.message)
                    }
                },
                logger: logger)
            let access = options.allowWrites ? "writes allowed" : "read-only"
            guard let http else {
                printError("fte mcp: serving MCP on standard input and output (\(access))")
                return try await StdioDeskService(desk: desk).runUntilStopped()
            }
            try await HTTPDeskServer(desk: desk, configuration: http).run { port in
                let host = http.host.contains(":") ? "[\(http.host)]" : http.host
                let line = "fte mcp: serving MCP at http://\(host):\(port)\(HTTPDeskConfiguration.endpoint) (\(access))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }

    /// The HTTP transport's settings, or `nil` for stdio.
    private func httpConfiguration(_ environment: [String: String]) throws -> HTTPDeskConfiguration? {
        let portText = httpPort.map(String.init) ?? ConfigKey.mcpHTTPPort.resolve(flag: nil, environment: environment)
        guard portText != nil else {
            if host != nil || !allowedOrigins.isEmpty {
                throw CommandFailure.usage("--host and --allow-origin apply to --http only; stdio has neither")
            }
            return nil
        }
        let port: Int
        let token: AdminToken
        do {
            port = try ConfigKey.mcpHTTPPort.integer(flag: httpPort, environment: environment, default: 0, in: 0...65535)
        } catch let error as ConfigError {
            throw CommandFailure.usage(httpPort == nil ? error.message : "--http must be a port from 0 to 65535 (got \(httpPort!))")
        }
        guard let configured = AdminToken(ConfigKey.adminToken.resolve(flag: nil, environment: environment)) else {
            throw CommandFailure.usage("fte mcp --http needs the admin bearer token: set FTE_ADMIN_TOKEN (clients send it as Authorization: Bearer …)")
        }
        token = configured
        var configuration = HTTPDeskConfiguration(port: port, token: token)
        configuration.host = ConfigKey.mcpHost.resolve(flag: host, environment: environment) ?? configuration.host
        configuration.allowedOrigins = allowedOrigins.isEmpty
            ? ConfigKey.mcpAllowedOrigins.list(environment: environment) : allowedOrigins
        for origin in configuration.allowedOrigins where !Self.isOrigin(origin) {
            throw CommandFailure.usage("--allow-origin must be an origin such as https://desk.example.com (scheme and host, no path; got \(origin))")
        }
        return configuration
    }

    /// `scheme://host[:port]`, http or https, nothing after.
    private static func isOrigin(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return false }
        return url.path.isEmpty || url.path == "/" ? url.query == nil && url.fragment == nil && url.user == nil : false
    }
}
