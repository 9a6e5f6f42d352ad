import Foundation

/// A chat model call that produced no completion.
///
/// Safe to log: never carries the API key (the client replaces it wherever a server echoes it),
/// request bodies or conversation text; server messages are shortened.
public struct LLMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No API key is configured (`FTE_LLM_API_KEY` or `GEMINI_API_KEY`); nothing was sent.
        case notConfigured
        /// The server answered 429 on every attempt, or asked to wait longer than the client
        /// waits by itself; `retryAfter` is the server's requested delay, when it gave one.
        case rateLimited(retryAfter: Duration?)
        /// A quota that does not refill soon is used up (a per-day cap, or no credit left).
        case quotaExhausted
        /// No response within the per-request timeout, on every attempt.
        case timeout
        /// The server failed with a 5xx status on every attempt.
        case server(status: Int)
        /// The server refused the request (a 4xx status other than 429); retrying cannot help.
        case rejected(status: Int, message: String)
        /// A success status whose body is not a usable completion; says what is wrong.
        case invalidResponse(String)
        /// The server could not be reached, or the exchange broke off; says how.
        case transport(String)
    }

    /// What went wrong.
    public let kind: Kind
    /// Requests sent before giving up (`0` when none was).
    public let attempts: Int

    /// An error of `kind` after `attempts` requests.
    public init(_ kind: Kind, attempts: Int = 1) {
        self.kind = kind
        self.attempts = attempts
    }

    /// Whether the same call may succeed later: rate limits, timeouts, server and transport failures.
    public var isRetriable: Bool {
        switch kind {
        case .rateLimited, .timeout, .server, .transport: return true
        case .notConfigured, .quotaExhausted, .rejected, .invalidResponse: return false
        }
    }

    public var description: String {
        let what: String
        switch kind {
        case .notConfigured:
            what = "no API key is configured (set FTE_LLM_API_KEY or GEMINI_API_KEY)"
        case .rateLimited(let retryAfter):
            what = "rate limited (HTTP 429)" + (retryAfter.map { ", retry after \($0.secondsDescription)" } ?? "")
        case .quotaExhausted:
            what = "quota exhausted (HTTP 429); it does not refill soon"
        case .timeout:
            what = "timed out"
        case .server(let status):
            what = "server error (HTTP \(status))"
        case .rejected(let status, let message):
            what = "request rejected (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .invalidResponse(let problem):
            what = "unusable response: \(problem)"
        case .transport(let problem):
            what = "transport failure: \(problem)"
        }
        return "LLM: " + what + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }

    /// The same error with `secret` replaced wherever a server message or transport text holds it.
    func redacting(_ secret: String?) -> LLMError {
        guard let secret, !secret.isEmpty else { return self }
        func clean(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "<redacted>") }
        let cleaned: Kind
        switch kind {
        case .rejected(let status, let message): cleaned = .rejected(status: status, message: clean(message))
        case .invalidResponse(let problem): cleaned = .invalidResponse(clean(problem))
        case .transport(let problem): cleaned = .transport(clean(problem))
        case .notConfigured, .rateLimited, .quotaExhausted, .timeout, .server: return self
        }
        return LLMError(cleaned, attempts: attempts)
    }
}

extension Duration {
    /// Seconds with up to three decimals, e.g. `34s`, `1.5s`.
    var secondsDescription: String {
        let milliseconds = max(0, wholeMilliseconds)
        var fraction = String(milliseconds % 1000)
        guard fraction != "0" else { return "\(milliseconds / 1000)s" }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(milliseconds / 1000).\(fraction)s"
    }
}
