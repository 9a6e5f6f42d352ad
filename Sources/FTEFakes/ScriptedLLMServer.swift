import FTECore
import Foundation
import Hummingbird
import Synchronization

/// An OpenAI-compatible chat server on loopback (`/v1/chat/completions`, `/v1/models`) whose
/// answers come from a script, for tests and the simulator.
///
/// The script sees each chat request (``Request``) and returns a ``Reply``: a text answer, tool
/// calls (optionally with Gemini thought signatures), an error status with any body and headers,
/// a malformed body, or any of these after a delay. Answers use the real wire format (`id`,
/// `object`, `created`, `model`, `choices[…]`, `usage`). Like Gemini, the server refuses a
/// history that replays one of its signed tool calls without the call's
/// `extra_content.google.thought_signature`. Every request is recorded, refused ones included.
///
/// ```swift
/// let server = try await ScriptedLLMServer.start(replies: [.geminiRateLimited(retryDelay: "1s"), .text("Hi!")])
/// let settings = LLMSettings(baseURL: server.baseURL, apiKey: server.apiKey)
/// ```
public final class ScriptedLLMServer: Sendable {
    /// A request the server received.
    public struct Request: Sendable {
        /// Its place in the order of arrival, from 1.
        public let number: Int
        /// `GET` or `POST`.
        public let method: String
        /// The path, e.g. `/v1/chat/completions`.
        public let path: String
        /// The `Authorization` header, if any.
        public let authorization: String?
        /// The body as received.
        public let rawBody: String
        /// The body parsed; `null` when empty or not JSON.
        public let body: JSONValue

        /// The bearer token of ``authorization``.
        public var bearerToken: String? {
            guard let authorization, authorization.hasPrefix("Bearer ") else { return nil }
            return String(authorization.dropFirst(7))
        }
        /// The `model` field.
        public var model: String? { body["model"]?.stringValue }
        /// The `messages` field.
        public var messages: [JSONValue] { body["messages"]?.arrayValue ?? [] }
        /// The names of the offered tools.
        public var toolNames: [String] {
            (body["tools"]?.arrayValue ?? []).compactMap { $0["function"]?["name"]?.stringValue }
        }
        /// The text of the last user message.
        public var lastUserText: String? {
            messages.last { $0["role"]?.stringValue == "user" }?["content"]?.stringValue
        }
    }

    /// The key the server accepts, or `nil` when it accepts any.
    public let apiKey: String?
    /// `http://127.0.0.1:<port>/v1`, the base URL for ``LLMSettings``.
    public var baseURL: String { server.baseURL + "/v1" }
    /// Every request received, in order (none when started with `recordsRequests: false`).
    public var requests: [Request] { endpoint.state.withLock { $0.requests } }
    /// How many requests arrived.
    public var requestCount: Int { endpoint.state.withLock { $0.count } }
    /// The chat completion requests received, in order.
    public var chatRequests: [Request] { requests.filter { $0.path.hasSuffix("/chat/completions") } }

    private let server: LocalHTTPServer
    private let endpoint: ScriptedLLMEndpoint

    /// Starts a server that answers chat requests with `script`.
    /// - Parameters:
    ///   - apiKey: the only bearer token accepted; others get 401 (with the token echoed, as
    ///     careless gateways do, so tests can check that it never leaks further). `nil` accepts any.
    ///   - models: the ids `/v1/models` lists, in Gemini's `models/…` form by default.
    ///   - recordsRequests: whether ``requests`` keeps every request; benchmarks and the
    ///     simulator, which never read them, turn it off.
    public static func start(
        apiKey: String? = "test-llm-key",
        models: [String] = ["models/gemini-3.5-flash", "models/gemini-3.5-flash-lite", "models/gemini-embedding-001"],
        recordsRequests: Bool = true,
        script: @escaping @Sendable (Request) async -> Reply
    ) async throws -> ScriptedLLMServer {
        let endpoint = ScriptedLLMEndpoint(apiKey: apiKey, models: models, recordsRequests: recordsRequests, script: script)
        let router = Router()
        router.post("v1/chat/completions") { request, _ in try await endpoint.respond(to: request) }
        router.get("v1/models") { request, _ in try await endpoint.respond(to: request) }
        return ScriptedLLMServer(apiKey: apiKey, server: try await LocalHTTPServer.start(router), endpoint: endpoint)
    }

    /// Starts a server that answers chat requests with `replies` in order, and with a 500 once
    /// they are used up.
    public static func start(
        apiKey: String? = "test-llm-key", models: [String]? = nil, replies: [Reply]
    ) async throws -> ScriptedLLMServer {
        let queue = Mutex(replies[...])
        let script: @Sendable (Request) async -> Reply = { request in
            let exhausted: JSONValue = ["error": ["message": "the script has no reply for request \(request.number)"]]
            return queue.withLock { $0.popFirst() } ?? .error(status: 500, body: exhausted.jsonString)
        }
        if let models { return try await start(apiKey: apiKey, models: models, script: script) }
        return try await start(apiKey: apiKey, script: script)
    }

    private init(apiKey: String?, server: LocalHTTPServer, endpoint: ScriptedLLMEndpoint) {
        self.apiKey = apiKey
        self.server = server
        self.endpoint = endpoint
    }

    /// Stops the server.
    public func shutdown() async {
        await server.shutdown()
    }
}
