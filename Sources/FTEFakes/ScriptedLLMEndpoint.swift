import FTECore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The request handling behind ``ScriptedLLMServer``: records, checks key and body, runs the
/// script and renders its reply in the OpenAI wire format.
final class ScriptedLLMEndpoint: Sendable {
    typealias Request = ScriptedLLMServer.Request
    typealias Reply = ScriptedLLMServer.Reply

    struct State {
        /// Requests received, recorded or not.
        var count = 0
        var requests: [Request] = []
        /// Thought signatures of the tool calls answered so far, by call id.
        var signatures: [String: String] = [:]
    }

    let apiKey: String?
    let models: [String]
    let script: @Sendable (Request) async -> Reply
    /// Whether ``State/requests`` keeps every request (tests read them; a long benchmark would
    /// only grow the list).
    let recordsRequests: Bool
    let state = Mutex(State())

    init(apiKey: String?, models: [String], recordsRequests: Bool, script: @escaping @Sendable (Request) async -> Reply) {
        self.apiKey = apiKey
        self.models = models
        self.recordsRequests = recordsRequests
        self.script = script
    }

    func respond(to request: Hummingbird.Request) async throws -> Response {
        let body = String(buffer: try await request.body.collect(upTo: 16 << 20))
        let parsed = (try? JSONValue(parsing: body)) ?? .null
        let recorded = state.withLock { state in
            state.count += 1
            let recorded = Request(
                number: state.count, method: request.method.rawValue, path: request.uri.path,
                authorization: request.headers[.authorization], rawBody: body, body: parsed)
            if recordsRequests { state.requests.append(recorded) }
            return recorded
        }
        if let apiKey, recorded.bearerToken != apiKey {
            let message = "Incorrect API key provided: \(recorded.bearerToken ?? "none")."
            return Self.json(401, [
                "error": ["message": .string(message), "type": "invalid_request_error", "code": "invalid_api_key"]
            ])
        }
        guard recorded.method == "POST" else {
            let data = models.map { id -> JSONValue in
                ["id": .string(id), "object": "model", "created": 0, "owned_by": "google"]
            }
            return Self.json(200, ["object": "list", "data": .array(data)])
        }
        if let refusal = check(recorded) { return Self.render(refusal) }
        return await render(script(recorded), for: recorded)
    }

    /// A 400 for a body that is not a chat request, or that replays a signed call without its
    /// signature.
    private func check(_ request: Request) -> Reply? {
        guard request.model != nil, request.body["messages"]?.arrayValue != nil else {
            let error: JSONValue = [
                "error": [
                    "message": "The request needs a JSON body with model and messages.", "type": "invalid_request_error",
                ]
            ]
            return .error(status: 400, body: error.jsonString)
        }
        for message in request.messages where message["role"]?.stringValue == "assistant" {
            for call in message["tool_calls"]?.arrayValue ?? [] {
                // Looked up in place: a copy of the growing table, held while another request
                // adds to it, made that request copy the whole table.
                guard let id = call["id"]?.stringValue, let expected = state.withLock({ $0.signatures[id] }) else {
                    continue
                }
                if call["extra_content"]?["google"]?["thought_signature"]?.stringValue != expected {
                    return .invalidArgument(
                        "Function call is missing a thought_signature in functionCall parts. This is required for "
                            + "tools to work correctly, and missing thought_signature may lead to degraded model "
                            + "performance.")
                }
            }
        }
        return nil
    }

    private func render(_ reply: Reply, for request: Request) async -> Response {
        switch reply {
        case .delayed(let delay, let reply):
            try? await Task.sleep(for: delay)
            return await render(reply, for: request)
        case .text(let text, let usage):
            let message: JSONValue = ["role": "assistant", "content": .string(text)]
            return Self.json(200, completion(request, message, finishReason: "stop", usage: usage, generated: text))
        case .toolCalls(let calls, let content, let usage):
            let rendered = calls.enumerated().map { index, call in
                toolCall(call, id: call.id ?? "call_\(request.number)_\(index)")
            }
            let message: JSONValue = [
                "role": "assistant", "content": content.map(JSONValue.string) ?? .null, "tool_calls": .array(rendered),
            ]
            let generated = (content ?? "") + calls.map { $0.name + $0.arguments }.joined()
            return Self.json(
                200, completion(request, message, finishReason: "tool_calls", usage: usage, generated: generated))
        case .json, .error, .malformed:
            return Self.render(reply)
        }
    }

    /// A reply that does not depend on the request.
    private static func render(_ reply: Reply) -> Response {
        switch reply {
        case .json(let value): return json(200, value)
        case .error(let status, let body, let headers): return response(status, body, headers)
        case .malformed(let body): return response(200, body, [:])
        case .text, .toolCalls, .delayed: return response(500, "unrenderable reply", [:])
        }
    }

    private func toolCall(_ call: ScriptedLLMServer.ToolCallReply, id: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "type": "function",
            "function": ["name": .string(call.name), "arguments": .string(call.arguments)],
        ]
        if let signature = call.thoughtSignature {
            members["extra_content"] = ["google": ["thought_signature": .string(signature)]]
            state.withLock { $0.signatures[id] = signature }
        }
        return .object(members)
    }

    private func completion(
        _ request: Request, _ message: JSONValue, finishReason: String, usage: TokenUsage?, generated: String
    ) -> JSONValue {
        let usage = usage ?? {
            let prompt = max(1, request.rawBody.utf8.count / 4), completion = max(1, generated.utf8.count / 4)
            return TokenUsage(promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion)
        }()
        return [
            "id": .string("chatcmpl-scripted-\(request.number)"), "object": "chat.completion",
            "created": .number(Date().timeIntervalSince1970.rounded(.down)),
            "model": .string(request.model ?? "unknown"),
            "choices": [["index": 0, "message": message, "finish_reason": .string(finishReason), "logprobs": nil]],
            "usage": [
                "prompt_tokens": .number(Double(usage.promptTokens)),
                "completion_tokens": .number(Double(usage.completionTokens)),
                "total_tokens": .number(Double(usage.totalTokens)),
            ],
        ]
    }

    private static func json(_ status: Int, _ value: JSONValue) -> Response {
        response(status, value.jsonString, [:])
    }

    private static func response(_ status: Int, _ body: String, _ headers: [String: String]) -> Response {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
