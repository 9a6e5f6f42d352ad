import FTECore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCP
import ServiceLifecycle
import UnixSignals

/// Where and how `fte mcp --http` serves the streamable HTTP transport.
public struct HTTPDeskConfiguration: Sendable {
    /// Address to listen on; loopback unless an operator says otherwise.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 picks a free one.
    public var port: Int
    /// The admin bearer token every request must carry.
    public var token: AdminToken
    /// Browser origins allowed besides the server's own loopback origin.
    public var allowedOrigins: [String] = []
    /// Most sessions open at once.
    public var maxSessions = 100
    /// A session without a request for this long is closed.
    public var sessionIdleTimeout: Duration = .seconds(3_600)
    /// Largest request body.
    public var maxBodyBytes = 1 << 20

    public init(port: Int, token: AdminToken) {
        self.port = port
        self.token = token
    }

    /// The path of the MCP endpoint.
    public static let endpoint = "/mcp"
}

/// Serves the desk over MCP's streamable HTTP transport (the SDK's stateful server transport,
/// one per session) on Hummingbird: `POST`, `GET` and `DELETE /mcp`.
public struct HTTPDeskServer: Sendable {
    let desk: SupportDesk
    let configuration: HTTPDeskConfiguration

    public init(desk: SupportDesk, configuration: HTTPDeskConfiguration) {
        self.desk = desk
        self.configuration = configuration
    }

    /// Serves until SIGTERM or SIGINT; then closes every session (letting tool calls in flight
    /// finish) and stops.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let port = BoundPort()
        let sessions = HTTPSessionTable(
            desk: desk,
            access: HTTPAccessPolicy(
                token: configuration.token, host: configuration.host, allowedOrigins: configuration.allowedOrigins, port: port),
            maxSessions: configuration.maxSessions, idleTimeout: configuration.sessionIdleTimeout)
        let router = Router()
        let maxBodyBytes = configuration.maxBodyBytes
        for method in [HTTPTypes.HTTPRequest.Method.post, .get, .delete] {
            router.on(RouterPath(HTTPDeskConfiguration.endpoint), method: method) { request, _ in
                await Self.response(to: try await Self.exchange(request, maxBodyBytes: maxBodyBytes), sessions: sessions)
            }
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                port.set(bound)
                await onListening(bound)
            },
            logger: desk.logger)
        // Services stop in reverse order: the sessions close first, which ends their event
        // streams, so the HTTP server's graceful shutdown does not wait on them.
        let group = ServiceGroup(configuration: .init(
            services: [ListeningService(app, host: configuration.host, port: configuration.port), SessionKeeper(sessions: sessions, sweepInterval: .seconds(30))],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: desk.logger))
        try await group.run()
    }

    /// The SDK's view of a Hummingbird request (HTTP/1.1's `Host` travels as the authority).
    static func exchange(_ request: Request, maxBodyBytes: Int) async throws -> MCP.HTTPRequest {
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = headers[field.name.canonicalName].map { "\($0), \(field.value)" } ?? field.value
        }
        if let authority = request.head.authority { headers["host"] = authority }
        let body = try await request.body.collect(upTo: maxBodyBytes)
        return MCP.HTTPRequest(
            method: request.method.rawValue, headers: headers,
            body: body.readableBytes > 0 ? Data(body.readableBytesView) : nil, path: request.uri.path)
    }

    /// Asks the session table, and turns its answer into a Hummingbird response (event streams
    /// are written as they come).
    static func response(to request: MCP.HTTPRequest, sessions: HTTPSessionTable) async -> Response {
        let answer = await sessions.handle(request)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let status = HTTPTypes.HTTPResponse.Status(code: answer.statusCode)
        if case .stream(let events, _) = answer {
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                for try await event in events { try await writer.write(ByteBuffer(bytes: event)) }
                try await writer.finish(nil)
            })
        }
        let body = answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: status, headers: fields, body: body)
    }
}

/// Closes idle sessions every `sweepInterval`, and every session at shutdown.
private struct SessionKeeper: Service {
    let sessions: HTTPSessionTable
    let sweepInterval: Duration

    func run() async throws {
        let (sessions, interval) = (sessions, sweepInterval)
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await sessions.closeIdle()
            }
        }
        await sessions.closeAll()
    }
}
