import Foundation

/// Where the chat model is and how patiently to call it, from `FTE_LLM_*` variables.
///
/// ``description`` says whether an API key is set, never the key.
public struct LLMSettings: Sendable, Equatable, CustomStringConvertible {
    /// Gemini's OpenAI-compatible endpoint.
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com/v1beta/openai/"
    /// A current Gemini flash model; models retire often, so set `FTE_LLM_MODEL` when it goes.
    public static let defaultModel = "gemini-3.5-flash"
    /// The variable Google's tools read the Gemini key from; used when `FTE_LLM_API_KEY` is unset.
    public static let geminiAPIKeyVariable = "GEMINI_API_KEY"

    /// The API base URL without a trailing slash; `/chat/completions` and `/models` are appended.
    public var baseURL: String
    /// The bearer token; `nil` when none is configured.
    public var apiKey: String?
    /// The chat model of requests that name none.
    public var model: String
    /// Limit on one request (each attempt).
    public var timeout: Duration
    /// Retries after a 429, a 5xx, a timeout or a transport error.
    public var maxRetries: Int
    /// The longest server-requested delay (`Retry-After`, `RetryInfo`) the client waits itself;
    /// a longer one fails the call at once as `rateLimited(retryAfter:)`, so the caller can fall back.
    public var maxRetryDelay: Duration

    /// Settings with the given parts; a trailing slash of `baseURL` is dropped.
    public init(
        baseURL: String = LLMSettings.defaultBaseURL, apiKey: String?, model: String = LLMSettings.defaultModel,
        timeout: Duration = .seconds(30), maxRetries: Int = 2, maxRetryDelay: Duration = .seconds(10)
    ) {
        var baseURL = baseURL
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeout = timeout
        self.maxRetries = maxRetries
        self.maxRetryDelay = maxRetryDelay
    }

    /// Reads `FTE_LLM_BASE_URL`, `FTE_LLM_API_KEY` (else `GEMINI_API_KEY`), `FTE_LLM_MODEL`,
    /// `FTE_LLM_TIMEOUT_SECONDS`, `FTE_LLM_MAX_RETRIES` and `FTE_LLM_MAX_RETRY_DELAY_SECONDS`;
    /// flags, where given, win over the environment.
    /// - Throws: ``ConfigError`` naming the variable whose value is unusable.
    public init(
        environment: [String: String], baseURLFlag: String? = nil, modelFlag: String? = nil
    ) throws {
        let baseURL = ConfigKey.llmBaseURL.resolve(flag: baseURLFlag, environment: environment) ?? Self.defaultBaseURL
        guard let components = URLComponents(string: baseURL),
            components.scheme.map({ ["http", "https"].contains($0.lowercased()) }) == true,
            components.host?.isEmpty == false, components.query == nil, components.fragment == nil
        else {
            throw ConfigError(
                "\(ConfigKey.llmBaseURL.name) must be an absolute http or https URL without a query, "
                    + "e.g. \(Self.defaultBaseURL)")
        }
        let apiKey = try Self.apiKey(environment)
        let model = ConfigKey.llmModel.resolve(flag: modelFlag, environment: environment)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        self.init(
            baseURL: baseURL, apiKey: apiKey, model: model.isEmpty ? Self.defaultModel : model,
            timeout: .seconds(try ConfigKey.llmTimeout.integer(environment: environment, default: 30, in: 1...3_600)),
            maxRetries: try ConfigKey.llmMaxRetries.integer(environment: environment, default: 2, in: 0...10),
            maxRetryDelay: .seconds(
                try ConfigKey.llmMaxRetryDelay.integer(environment: environment, default: 10, in: 0...3_600)))
    }

    /// Whether an API key is set, so the LLM can be called.
    public var isConfigured: Bool { apiKey != nil }

    public var description: String {
        "LLMSettings(baseURL: \(URLRedaction.redact(baseURL)), model: \(model), "
            + "apiKey: \(isConfigured ? "set" : "unset"), timeout: \(timeout), maxRetries: \(maxRetries), "
            + "maxRetryDelay: \(maxRetryDelay))"
    }

    /// `FTE_LLM_API_KEY`, else `GEMINI_API_KEY`, without surrounding whitespace.
    private static func apiKey(_ environment: [String: String]) throws(ConfigError) -> String? {
        for name in [ConfigKey.llmAPIKey.name, geminiAPIKeyVariable] {
            guard let value = environment[name] else { continue }
            let key = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if key.isEmpty { continue }
            guard key.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                throw ConfigError("\(name) contains a control character such as a line break")
            }
            return key
        }
        return nil
    }
}

extension LLMSettings: CustomReflectable {
    /// Mirrors ``description``'s fields, so `dump` shows no key either.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL, "model": model, "apiKey": isConfigured ? "set" : "unset", "timeout": timeout,
            "maxRetries": maxRetries, "maxRetryDelay": maxRetryDelay,
        ])
    }
}
