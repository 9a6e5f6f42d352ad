import Synchronization

/// The time one message spent waiting for the model, summed over its calls, failed ones
/// included: the part of a reply's latency that is not the worker's own.
final class ModelWaitClock: Sendable {
    private let total = Mutex(Duration.zero)

    /// The time measured so far.
    var elapsed: Duration { total.withLock { $0 } }

    /// Runs one model call and adds its duration, whether it returns or throws.
    func measure<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { total.withLock { $0 += ContinuousClock.now - start } }
        return try await call()
    }
}
