import Foundation
import Synchronization

/// A token bucket per client address: `limit` requests a minute, refilled continuously.
/// Buckets that have refilled completely are forgotten once the table grows large, so memory
/// stays bounded under a flood of addresses.
final class SubmissionRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private let maxTrackedClients = 100_000
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute limit: Int) {
        capacity = Double(max(1, limit))
        refillPerSecond = capacity / 60
    }

    /// Takes one token for `client`; returns `nil` when allowed, or the whole seconds to wait.
    func acquire(for client: String, now: ContinuousClock.Instant = .now) -> Int? {
        buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + seconds * refillPerSecond)
            bucket.updated = now
            defer {
                buckets[client] = bucket
                if buckets.count > maxTrackedClients { Self.forgetFull(&buckets, capacity: capacity, now: now, rate: refillPerSecond) }
            }
            guard bucket.tokens >= 1 else {
                return max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }

    private static func forgetFull(_ buckets: inout [String: Bucket], capacity: Double, now: ContinuousClock.Instant, rate: Double) {
        buckets = buckets.filter { _, bucket in
            let elapsed = now - bucket.updated
            return bucket.tokens + Double(elapsed.components.seconds) * rate < capacity
        }
    }
}
