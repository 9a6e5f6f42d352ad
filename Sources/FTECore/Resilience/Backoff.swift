import Foundation

/// Exponential backoff with full jitter: the wait before retry `n` is a random duration between
/// zero and `min(maximum, initial × multiplier^(n-1))`, so retrying clients spread out instead of
/// arriving together.
///
/// ```swift
/// let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(8))
/// try await Task.sleep(for: backoff.delay(beforeRetry: 1))
/// ```
public struct Backoff: Sendable, Equatable {
    /// The ceiling of the first wait.
    public var initial: Duration
    /// The largest ceiling any wait may have.
    public var maximum: Duration
    /// How much the ceiling grows per retry.
    public var multiplier: Double

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The ceiling of the wait before retry `retry` (1 for the first retry).
    public func ceiling(beforeRetry retry: Int) -> Duration {
        let exponent = Double(max(0, retry - 1))
        let seconds = Self.seconds(initial) * pow(multiplier, exponent)
        let maximumSeconds = Self.seconds(maximum)
        return seconds.isFinite && seconds < maximumSeconds ? .seconds(seconds) : maximum
    }

    /// A random wait in `0 … ceiling(beforeRetry: retry)`.
    public func delay(beforeRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(beforeRetry: retry, using: &generator)
    }

    /// A random wait in `0 … ceiling(beforeRetry: retry)`, drawn from `generator`.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        .seconds(Double.random(in: 0...Self.seconds(ceiling(beforeRetry: retry)), using: &generator))
    }

    /// A server's hint (Retry-After, RetryInfo) when it is usable, else the jittered backoff:
    /// hints outside `0 < hint ≤ maximumHint` are ignored, as the OpenAI SDK does.
    public func delay(beforeRetry retry: Int, hint: Duration?, maximumHint: Duration = .seconds(60)) -> Duration {
        if let hint, hint > .zero, hint <= maximumHint { return hint }
        return delay(beforeRetry: retry)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
