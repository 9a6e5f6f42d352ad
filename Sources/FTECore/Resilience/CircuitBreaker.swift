import Synchronization

/// Stops calling a provider that keeps failing, and tries it again after a pause.
///
/// Closed, calls go through and consecutive failures are counted; at `failureThreshold` the
/// breaker opens and refuses calls for `openDuration`; then it lets one trial call through
/// (half-open): success closes it, failure opens it again.
///
/// ```swift
/// guard breaker.allowsCall() else { throw ProviderError.circuitOpen }
/// do { try await call(); breaker.recordSuccess() } catch { breaker.recordFailure(); throw error }
/// ```
public final class CircuitBreaker: Sendable {
    /// When the breaker opens and for how long.
    public struct Configuration: Sendable, Equatable {
        /// Consecutive failures that open the breaker.
        public var failureThreshold: Int
        /// How long an open breaker refuses calls before a trial call.
        public var openDuration: Duration

        public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30)) {
            self.failureThreshold = max(1, failureThreshold)
            self.openDuration = openDuration
        }
    }

    /// Where the breaker stands.
    public enum State: Sendable, Equatable {
        case closed
        case open
        /// A trial call is (or may be) in flight.
        case halfOpen
    }

    /// The provider this breaker guards, for logs and metrics.
    public let name: String
    public let configuration: Configuration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let storage: Mutex<Storage>

    private struct Storage {
        var consecutiveFailures = 0
        var openedAt: ContinuousClock.Instant?
        var trialInFlight = false
    }

    /// A closed breaker; `now` is the clock (tests pass their own).
    public init(
        name: String, configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.name = name
        self.configuration = configuration
        self.now = now
        storage = Mutex(Storage())
    }

    /// The current state.
    public var state: State {
        let instant = now()
        return storage.withLock { state(of: $0, at: instant) }
    }

    /// Whether a call may go ahead now. Half-open, only one trial call is admitted until its
    /// outcome is recorded.
    public func allowsCall() -> Bool {
        let instant = now()
        return storage.withLock { storage in
            switch state(of: storage, at: instant) {
            case .closed:
                return true
            case .open:
                return false
            case .halfOpen:
                guard !storage.trialInFlight else { return false }
                storage.trialInFlight = true
                return true
            }
        }
    }

    /// A call succeeded: the breaker closes.
    public func recordSuccess() {
        storage.withLock { $0 = Storage() }
    }

    /// A call failed: one more consecutive failure; a failed trial call reopens the breaker.
    public func recordFailure() {
        let instant = now()
        storage.withLock { storage in
            storage.consecutiveFailures += 1
            if storage.trialInFlight || storage.consecutiveFailures >= configuration.failureThreshold {
                storage.openedAt = instant
                storage.trialInFlight = false
            }
        }
    }

    private func state(of storage: Storage, at instant: ContinuousClock.Instant) -> State {
        guard let openedAt = storage.openedAt else { return .closed }
        return instant < openedAt + configuration.openDuration ? .open : .halfOpen
    }
}
