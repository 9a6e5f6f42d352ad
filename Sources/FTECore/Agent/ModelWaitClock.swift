import Synchronization

/// The time one message spent waiting for the model, summed over its calls, failed ones
/// included: the part of a reply's latency that is not the worker's own.
final class ModelWaitClock: Sendable {
    private let durations = Mutex([Duration]())

    /// The time measured so far.
    var elapsed: Duration { durations.withLock { $0.reduce(.zero, +) } }

    /// Each call's duration, in order.
    var calls: [Duration] { durations.withLock { $0 } }

    /// Runs one model call and records its duration, whether it returns or throws.
    func measure<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { durations.withLock { $0.append(ContinuousClock.now - start) } }
        return try await call()
    }
}
