import Foundation

extension HTTPClientResponse {
    /// The `Retry-After` header as a wait (RFC 9110 §10.2.3): whole delay-seconds, or an HTTP
    /// date measured from `now` (a date in the past gives zero). Nil when absent or unreadable.
    public func retryAfter(now: Date = Date()) -> Duration? {
        headers["Retry-After"].flatMap { RetryAfter.retryAfterValue($0, now: now, allowingFractions: false) }
    }
}
