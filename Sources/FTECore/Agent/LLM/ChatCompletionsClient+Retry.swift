import Foundation
import Logging

extension ChatCompletionsClient {
    /// Sends one API call to `{base}/{path}`, retrying as the type's documentation says, and
    /// returns the first 2xx response with the number of requests it took.
    /// - Throws: ``LLMError`` (the key redacted); `CancellationError`.
    func send(
        _ method: HTTPClientRequest.Method, path: String, body: Data?
    ) async throws -> (response: HTTPClientResponse, attempts: Int) {
        guard let apiKey = settings.apiKey else { throw LLMError(.notConfigured, attempts: 0) }
        var request = HTTPClientRequest(
            method, url: "\(settings.baseURL)/\(path)", headers: ["Accept": "application/json"], body: body,
            timeout: settings.timeout)
        if body != nil { request.headers.replaceOrAdd(name: "Content-Type", value: "application/json") }
        request.setBearerToken(apiKey)

        var attempt = 0
        while true {
            attempt += 1
            let failure: AttemptFailure
            do {
                let response = try await httpClient.send(request)
                if response.isSuccess { return (response, attempt) }
                failure = AttemptFailure(response)
            } catch let error as HTTPClientError {
                failure = AttemptFailure(error)
            }
            let error = LLMError(failure.kind, attempts: attempt).redacting(apiKey)
            guard failure.isRetriable, attempt <= settings.maxRetries else { throw error }
            if let requested = failure.retryAfter, requested > settings.maxRetryDelay { throw error }
            let delay = backoff.delay(
                beforeRetry: attempt, hint: failure.retryAfter, maximumHint: settings.maxRetryDelay)
            logger.notice(
                "llm call failed, retrying",
                metadata: [
                    "error": "\(error)", "retry": "\(attempt)", "delay_ms": "\(delay.wholeMilliseconds)",
                    "path": "\(path)",
                ])
            try await Task.sleep(for: delay)
        }
    }
}

/// Why one attempt failed, whether another may succeed, and the delay the server asked for.
private struct AttemptFailure {
    var kind: LLMError.Kind
    var isRetriable: Bool
    var retryAfter: Duration?

    /// An error status.
    init(_ response: HTTPClientResponse) {
        let body = LLMErrorBody(response.body)
        retryAfter = RetryAfter.delay(in: response.headers) ?? body.retryDelay
        switch response.status {
        case 429 where body.isQuotaExhausted:
            kind = .quotaExhausted
            isRetriable = false
        case 429:
            kind = .rateLimited(retryAfter: retryAfter)
            isRetriable = true
        case 500...:
            kind = .server(status: response.status)
            isRetriable = true
        default:
            kind = .rejected(status: response.status, message: body.message ?? "")
            isRetriable = false
        }
    }

    /// No response.
    init(_ error: HTTPClientError) {
        if case .timedOut = error.reason {
            kind = .timeout
        } else {
            kind = .transport(error.description)
        }
        isRetriable = error.isRetriable
    }
}
