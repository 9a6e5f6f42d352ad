import FTECore
import Foundation

extension ScriptedLLMServer {
    /// What the server answers to one chat request.
    public indirect enum Reply: Sendable {
        /// A text answer (`finish_reason` `stop`); usage is estimated from the sizes when not given.
        case text(String, usage: TokenUsage? = nil)
        /// Tool calls (`finish_reason` `tool_calls`), with optional text beside them.
        case toolCalls([ToolCallReply], content: String? = nil, usage: TokenUsage? = nil)
        /// A 200 with this body as it is, for completions the other cases do not make (extra
        /// fields, unusual shapes).
        case json(JSONValue)
        /// An error status with this body and these headers.
        case error(status: Int, body: String, headers: [String: String] = [:])
        /// A 200 whose body is not a usable completion (by default, not even JSON).
        case malformed(body: String = #"{"id":"chatcmpl-broken","object":"chat.completion","choices":["#)
        /// `reply` after waiting `delay`, to play a slow model or a timeout.
        case delayed(Duration, Reply)

        /// A 429 with OpenAI's `retry-after-ms` header.
        public static func rateLimited(retryAfterMilliseconds milliseconds: Int) -> Reply {
            .error(status: 429, body: openAIRateLimitBody, headers: ["retry-after-ms": String(milliseconds)])
        }

        /// A 429 with a `Retry-After` header: seconds (`"2"`) or an HTTP-date.
        public static func rateLimited(retryAfter value: String) -> Reply {
            .error(status: 429, body: openAIRateLimitBody, headers: ["Retry-After": value])
        }

        /// Gemini's 429 as its OpenAI-compatible endpoint sends it: a JSON array holding the error,
        /// with a per-minute `QuotaFailure` and `RetryInfo.retryDelay` (e.g. `"34s"`, `"1.5s"`).
        public static func geminiRateLimited(
            retryDelay: String, quotaID: String = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
        ) -> Reply {
            .error(status: 429, body: geminiQuotaBody(quotaID: quotaID, retryDelay: retryDelay))
        }

        /// Gemini's 429 for a spent daily quota (`quotaId` with `PerDay`); it carries a
        /// `retryDelay` too, which a client must not take as a reason to retry soon.
        public static func geminiDailyQuotaExhausted(retryDelay: String = "20s") -> Reply {
            let quotaID = "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
            return .error(status: 429, body: geminiQuotaBody(quotaID: quotaID, retryDelay: retryDelay))
        }

        /// A server error, with Google's body.
        public static func serverError(_ status: Int = 500) -> Reply {
            let body = geminiError(code: status, status: "INTERNAL", message: "An internal error has occurred.")
            return .error(status: status, body: body.jsonString)
        }

        /// Gemini's 400 `INVALID_ARGUMENT` with `message`.
        public static func invalidArgument(_ message: String) -> Reply {
            .error(status: 400, body: geminiError(code: 400, status: "INVALID_ARGUMENT", message: message).jsonString)
        }

        /// `reply` after `delay`.
        public static func after(_ delay: Duration, _ reply: Reply) -> Reply {
            .delayed(delay, reply)
        }

        private static let openAIRateLimitBody = JSONValue.object([
            "error": [
                "message": "Rate limit reached for requests. Please try again later.", "type": "requests",
                "param": nil, "code": "rate_limit_exceeded",
            ]
        ]).jsonString

        private static func geminiQuotaBody(quotaID: String, retryDelay: String) -> String {
            let details: JSONValue = [
                [
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [[
                        "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                        "quotaId": .string(quotaID),
                        "quotaDimensions": ["location": "global", "model": "gemini-3.5-flash"],
                        "quotaValue": "10",
                    ]],
                ],
                [
                    "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [[
                        "description": "Learn more about Gemini API quotas",
                        "url": "https://ai.google.dev/gemini-api/docs/rate-limits",
                    ]],
                ],
                ["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": .string(retryDelay)],
            ]
            return geminiError(
                code: 429, status: "RESOURCE_EXHAUSTED",
                message: "You exceeded your current quota, please check your plan and billing details.",
                details: details
            ).jsonString
        }

        /// `[{"error": {code, message, status, details?}}]`, the array form Gemini's compatible
        /// endpoint uses.
        static func geminiError(code: Int, status: String, message: String, details: JSONValue? = nil) -> JSONValue {
            var error: [String: JSONValue] = [
                "code": .number(Double(code)), "message": .string(message), "status": .string(status),
            ]
            if let details { error["details"] = details }
            return [["error": .object(error)]]
        }
    }

    /// One tool call in a ``Reply/toolCalls(_:content:usage:)`` answer.
    public struct ToolCallReply: Sendable {
        /// The tool's name.
        public var name: String
        /// The arguments as JSON text; invalid JSON plays a model that emits it.
        public var arguments: String
        /// The call id; `call_<request>_<index>` when `nil`.
        public var id: String?
        /// A Gemini thought signature, sent as `extra_content.google.thought_signature`.
        public var thoughtSignature: String?

        /// A call of `name` with `arguments`.
        public init(name: String, arguments: String = "{}", id: String? = nil, thoughtSignature: String? = nil) {
            self.name = name
            self.arguments = arguments
            self.id = id
            self.thoughtSignature = thoughtSignature
        }
    }
}
