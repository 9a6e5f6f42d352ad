import Foundation

/// Reads how long a server asks a client to wait before trying again.
enum RetryAfter {
    /// `retry-after-ms` (milliseconds, as OpenAI sends it), else `Retry-After` (seconds, or an
    /// HTTP-date relative to `now`); `nil` when neither is present and readable. A date in the
    /// past gives zero.
    static func delay(in headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let text = headers["retry-after-ms"], let value = Double(text), let delay = seconds(value / 1000) {
            return delay
        }
        guard let text = headers["retry-after"] else { return nil }
        return retryAfterValue(text, now: now, allowingFractions: true)
    }

    /// A `Retry-After` value (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date relative to `now`
    /// (a past date gives zero). RFC delay-seconds are whole; `allowingFractions` also takes
    /// `1.5`, as some LLM gateways send.
    static func retryAfterValue(_ text: String, now: Date, allowingFractions: Bool) -> Duration? {
        let value = text.trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) || allowingFractions,
            let number = Double(value)
        {
            return seconds(number)
        }
        return httpDate(value).flatMap { seconds(max(0, $0.timeIntervalSince(now))) }
    }

    /// A protobuf JSON duration such as Google's `RetryInfo.retryDelay`: `"34s"`, `"1.5s"`.
    static func protobufDuration(_ text: String) -> Duration? {
        guard text.hasSuffix("s"), let value = Double(text.dropLast()) else { return nil }
        return seconds(value)
    }

    /// Longest delay read; longer ones are cut to it (no server means more, and a huge number
    /// would not fit a `Duration`).
    static let longest = Duration.seconds(86_400)

    /// `value` seconds, at most ``longest``; `nil` for negative or not-finite values.
    private static func seconds(_ value: Double) -> Duration? {
        guard value.isFinite, value >= 0 else { return nil }
        return value < 86_400 ? .seconds(value) : longest
    }

    /// An IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
