import Metrics

/// Wraps a publisher to record `fte_queue_publish_seconds` (a latency histogram) and
/// `fte_queue_publish_failures_total` (by reason: `unavailable` or `rejected`) per backend.
public struct MeteredEventPublisher: EventPublisher {
    private let base: any EventPublisher
    private let latency: Timer
    private let unavailable: Counter
    private let rejected: Counter

    /// - Parameter backend: `postgres` or `kafka`, the metrics' `backend` label.
    public init(_ base: any EventPublisher, backend: String) {
        self.base = base
        latency = Timer(label: "fte_queue_publish_seconds", dimensions: [("backend", backend)])
        unavailable = Counter(label: "fte_queue_publish_failures_total", dimensions: [("backend", backend), ("reason", "unavailable")])
        rejected = Counter(label: "fte_queue_publish_failures_total", dimensions: [("backend", backend), ("reason", "rejected")])
    }

    public func publish(_ event: IncomingEvent) async throws {
        let start = ContinuousClock.now
        do {
            try await base.publish(event)
            latency.record(duration: ContinuousClock.now - start)
        } catch let error as QueueError {
            switch error {
            case .unavailable: unavailable.increment()
            case .rejected: rejected.increment()
            }
            throw error
        }
    }

    public func checkReady() async throws { try await base.checkReady() }

    public func shutdown() async { await base.shutdown() }
}
