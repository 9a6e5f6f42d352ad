import Foundation
import Logging

/// A ``ChatModel`` on an OpenAI-compatible server: Gemini's compatibility endpoint by default,
/// or OpenAI, Ollama, vLLM, llama.cpp.
///
/// Sends `POST {base}/chat/completions` with the configured key as a bearer token. A 429, a 5xx,
/// a timeout or a transport failure is retried up to ``LLMSettings/maxRetries`` times, after the
/// delay the server asks for (`retry-after-ms`, `Retry-After`, or Gemini's `RetryInfo`) or else a
/// jittered ``Backoff``. A server delay longer than ``LLMSettings/maxRetryDelay`` and a daily
/// quota end the call at once, so the caller can fall back. Other 4xx statuses are not retried.
///
/// ```swift
/// let model = ChatCompletionsClient(settings: try LLMSettings(environment: env), httpClient: http)
/// let reply = try await model.complete(ChatRequest(messages: [.system(prompt), .user(question)]))
/// ```
public struct ChatCompletionsClient: ChatModel {
    /// The retry waits when the server names none, as the OpenAI SDK spaces them.
    public static let defaultBackoff = Backoff(initial: .milliseconds(500), maximum: .seconds(8))

    /// Where the server is, the key, the default model, timeouts and retries.
    public let settings: LLMSettings
    let httpClient: HTTPClient
    let backoff: Backoff
    let logger: Logger

    /// A client for the server `settings` describe, sending through `httpClient`.
    /// - Parameter backoff: the waits between retries when the server asks for none.
    public init(
        settings: LLMSettings, httpClient: HTTPClient, backoff: Backoff = ChatCompletionsClient.defaultBackoff,
        logger: Logger = Logger(label: "fte.llm")
    ) {
        self.settings = settings
        self.httpClient = httpClient
        self.backoff = backoff
        self.logger = logger
    }

    /// The model's next message for `request`; a request without a model uses ``LLMSettings/model``.
    /// - Throws: ``LLMError``; `CancellationError` when the task was cancelled.
    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let body = request.body(defaultModel: settings.model)
        let (response, attempts) = try await send(.post, path: "chat/completions", body: body)
        do throws(LLMError) {
            return try ChatCompletion(json: try parse(response, attempts: attempts))
        } catch {
            throw LLMError(error.kind, attempts: attempts).redacting(settings.apiKey)
        }
    }

    /// The ids of the models the key can use (`GET {base}/models`), without Gemini's `models/` prefix.
    /// - Throws: ``LLMError``; `CancellationError` when the task was cancelled.
    public func availableModels() async throws -> [String] {
        let (response, attempts) = try await send(.get, path: "models", body: nil)
        guard let entries = try parse(response, attempts: attempts)["data"]?.arrayValue else {
            throw LLMError(.invalidResponse("the model list has no data array"), attempts: attempts)
        }
        return entries.compactMap { entry in
            entry["id"]?.stringValue.map { $0.hasPrefix("models/") ? String($0.dropFirst(7)) : $0 }
        }
    }

    private func parse(_ response: HTTPClientResponse, attempts: Int) throws(LLMError) -> JSONValue {
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw LLMError(.invalidResponse("the body is not JSON (\(response.body.count) bytes)"), attempts: attempts)
        }
    }
}
