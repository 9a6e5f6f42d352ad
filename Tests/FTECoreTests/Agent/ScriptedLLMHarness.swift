import FTETestSupport
import Foundation
import Logging
import Testing
@testable import FTECore

/// Retry waits of at most 20 ms when the server names none, so tests are fast and any longer
/// wait they measure must come from the server's hint.
let quickBackoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(20))

/// A logger for clients under test that keeps retry notices out of the test output.
let quietLLMLogger: Logger = {
    var logger = Logger(label: "fte.llm.test")
    logger.logLevel = .warning
    return logger
}()

/// Settings for `server`: its key, 5 s per request, 2 retries, server delays up to 5 s.
func testSettings(
    for server: ScriptedLLMServer, apiKey: String? = nil, timeout: Duration = .seconds(5), maxRetries: Int = 2,
    maxRetryDelay: Duration = .seconds(5)
) -> LLMSettings {
    LLMSettings(
        baseURL: server.baseURL, apiKey: apiKey ?? server.apiKey, timeout: timeout, maxRetries: maxRetries,
        maxRetryDelay: maxRetryDelay)
}

/// Runs `body` with a scripted server (accepting `serverAPIKey`), an HTTP client and a
/// ``ChatCompletionsClient`` for them.
func withScriptedLLM(
    serverAPIKey: String? = "test-llm-key",
    replies: [ScriptedLLMServer.Reply]? = nil,
    script: (@Sendable (ScriptedLLMServer.Request) async -> ScriptedLLMServer.Reply)? = nil,
    models: [String]? = nil,
    settings: (ScriptedLLMServer) -> LLMSettings = { testSettings(for: $0) },
    _ body: (ChatCompletionsClient, ScriptedLLMServer) async throws -> Void
) async throws {
    let server: ScriptedLLMServer
    if let script {
        server = try await ScriptedLLMServer.start(apiKey: serverAPIKey, script: script)
    } else {
        server = try await ScriptedLLMServer.start(apiKey: serverAPIKey, models: models, replies: replies ?? [])
    }
    let http = HTTPClient()
    let client = ChatCompletionsClient(
        settings: settings(server), httpClient: http, backoff: quickBackoff, logger: quietLLMLogger)
    do {
        try await body(client, server)
    } catch {
        Issue.record(error)
    }
    await http.shutdown()
    await server.shutdown()
}

/// A short conversation to send.
let greeting = ChatRequest(messages: [.system("You are a support agent."), .user("Where is my order?")])

/// Runs `operation`, which must fail with an ``LLMError``; returns it and how long it took.
func expectLLMError(
    _ operation: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> (error: LLMError?, elapsed: Duration) {
    let started = ContinuousClock.now
    let error = await #expect(throws: LLMError.self, sourceLocation: sourceLocation) { try await operation() }
    return (error, ContinuousClock.now - started)
}
