import Foundation

/// What an error response of an OpenAI-compatible server says, read from either shape seen in
/// the wild: `{"error": {…}}`, and Gemini's `[{"error": {…}}]`.
struct LLMErrorBody: Equatable {
    /// `error.message`, shortened.
    var message: String?
    /// Google's `RetryInfo.retryDelay` from `error.details[]`.
    var retryDelay: Duration?
    /// Whether the quota will not refill soon: a Google `QuotaFailure` whose `quotaId` contains
    /// `PerDay`, or OpenAI's `insufficient_quota` (no credit left).
    var isQuotaExhausted = false
}

extension LLMErrorBody {
    /// Reads `body`; a body that is not JSON gives its text (shortened) as the message.
    init(_ body: Data) {
        guard let json = try? JSONValue(parsing: body) else {
            let text = String(decoding: body, as: UTF8.self)
            message = text.allSatisfy(\.isWhitespace) ? nil : Self.shorten(text)
            return
        }
        let error = (json[0] ?? json)["error"]
        // Some gateways send `{"error": "text"}`.
        message = (error?["message"]?.stringValue ?? error?.stringValue).map { Self.shorten($0) }
        for detail in error?["details"]?.arrayValue ?? [] {
            let type = detail["@type"]?.stringValue ?? ""
            if type.hasSuffix("google.rpc.RetryInfo") {
                retryDelay = detail["retryDelay"]?.stringValue.flatMap(RetryAfter.protobufDuration)
            } else if type.hasSuffix("google.rpc.QuotaFailure") {
                let quotaIDs = (detail["violations"]?.arrayValue ?? []).compactMap { $0["quotaId"]?.stringValue }
                if quotaIDs.contains(where: { $0.contains("PerDay") }) { isQuotaExhausted = true }
            }
        }
        if error?["code"]?.stringValue == "insufficient_quota" || error?["type"]?.stringValue == "insufficient_quota" {
            isQuotaExhausted = true
        }
    }

    /// `text` on one line, at most `limit` characters.
    static func shorten(_ text: String, limit: Int = 300) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit)) + "…"
    }
}
