import Synchronization

/// When a long-running loop last went round: liveness probes tell a stuck loop from a busy one.
public final class Heartbeat: Sendable {
    private let last = Mutex(ContinuousClock.now)

    public init() {}

    /// The loop is going round.
    public func beat() {
        last.withLock { $0 = .now }
    }

    /// Time since the last ``beat()`` (or since creation).
    public var silence: Duration {
        .now - last.withLock { $0 }
    }
}
