import Foundation
import Logging
import MCP

/// The sessions of `fte mcp --http`: one MCP server and streamable-HTTP transport per client,
/// opened by `initialize`, found by the `Mcp-Session-Id` header, closed by `DELETE`, after
/// ``idleTimeout`` without a request, or when the process stops.
actor HTTPSessionTable {
    private struct Entry {
        var server: Server
        var transport: StatefulHTTPServerTransport
        /// What the server sends and receives through, counting requests not yet answered.
        var answering: AnsweringTransport
        var lastUsed: ContinuousClock.Instant
    }

    private let desk: SupportDesk
    private let access: HTTPAccessPolicy
    private let maxSessions: Int
    private let idleTimeout: Duration
    private var entries: [String: Entry] = [:]

    init(desk: SupportDesk, access: HTTPAccessPolicy, maxSessions: Int, idleTimeout: Duration) {
        self.desk = desk
        self.access = access
        self.maxSessions = maxSessions
        self.idleTimeout = idleTimeout
    }

    /// Open sessions.
    var count: Int { entries.count }

    /// Answers one HTTP request to the MCP endpoint.
    func handle(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
        if let refusal = access.validate(request, context: HTTPValidationContext(httpMethod: request.method.uppercased())) {
            return refusal
        }
        let id = request.header(HTTPHeaderName.sessionID)
        if let id, var entry = entries[id] {
            entry.lastUsed = .now
            entries[id] = entry
            let response = await entry.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                await close(id)
            }
            return response
        }
        if request.method.uppercased() == "POST", Self.isInitialize(request.body) {
            return await open(request)
        }
        if id != nil {
            return .error(statusCode: 404, .invalidRequest("Not Found: no such session (it was closed or expired); initialize a new one"))
        }
        return .error(statusCode: 400, .invalidRequest("Bad Request: no Mcp-Session-Id header; start with an initialize request"))
    }

    private func open(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
        guard entries.count < maxSessions else {
            return .error(statusCode: 503, .invalidRequest("Service Unavailable: \(maxSessions) sessions are open; close one or retry later"))
        }
        let id = UUID().uuidString.lowercased()
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(id: id),
            validationPipeline: StandardValidationPipeline(validators: [
                AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
            ]),
            logger: desk.logger)
        let session = DeskSession()
        let server = await desk.makeServer(for: session)
        let answering = AnsweringTransport(transport, logger: desk.logger)
        do {
            try await server.start(transport: answering, initializeHook: session.initialized)
        } catch {
            desk.logger.error("could not open an MCP session", metadata: ["error": "\(error)"])
            return .error(statusCode: 500, .internalError("Internal Server Error: the session could not be opened"))
        }
        entries[id] = Entry(server: server, transport: transport, answering: answering, lastUsed: .now)
        let response = await transport.handleRequest(request)
        if case .error = response { await close(id) }
        return response
    }

    /// Closes sessions idle for longer than ``idleTimeout``.
    func closeIdle(now: ContinuousClock.Instant = .now) async {
        for (id, entry) in entries where entry.lastUsed.duration(to: now) > idleTimeout {
            desk.logger.info("closing an idle MCP session", metadata: ["session": "\(id)"])
            await close(id)
        }
    }

    /// Closes every session (the process is stopping).
    func closeAll() async {
        for id in entries.keys { await close(id) }
    }

    /// Lets the session's requests finish (at most 30 s), then stops its server, which ends its
    /// event streams.
    private func close(_ id: String) async {
        guard let entry = entries.removeValue(forKey: id) else { return }
        await entry.answering.drain(within: .seconds(30))
        await entry.server.stop()
    }

    /// Whether a POST body is a JSON-RPC `initialize` request.
    static func isInitialize(_ body: Data?) -> Bool {
        struct Envelope: Decodable {
            var method: String?
            var id: Value?
        }
        guard let body, let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else { return false }
        return envelope.method == "initialize" && envelope.id != nil
    }
}

/// Gives a transport the session id the table chose.
private struct FixedSessionID: SessionIDGenerator {
    let id: String

    func generateSessionID() -> String { id }
}
