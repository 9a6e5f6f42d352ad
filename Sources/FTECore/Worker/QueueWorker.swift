import Logging
import Synchronization

/// Takes events from an ``EventSource`` and processes many at once — up to `concurrency`, one
/// customer's in order — completing each one after it was processed, retrying failures with
/// backoff and sending poison events to the dead letters after `maxAttempts`.
///
/// ``run()`` returns after ``drain()``: no new event is taken, the ones in flight finish.
public final class QueueWorker: Sendable {
    /// How the worker paces itself.
    public struct Settings: Sendable, Equatable {
        /// Events processed at once.
        public var concurrency: Int
        /// The most events taken from the queue at a time: small takes spread a burst over all
        /// the workers instead of leaving it to the first one that woke up.
        public var takeLimit: Int
        /// Attempts before an event goes to the dead letters.
        public var maxAttempts: Int
        /// The wait before retrying a failed event.
        public var retryBackoff: Backoff

        public init(
            concurrency: Int = 200, takeLimit: Int = 16, maxAttempts: Int = 5,
            retryBackoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        ) {
            self.concurrency = max(1, concurrency)
            self.takeLimit = max(1, takeLimit)
            self.maxAttempts = max(1, maxAttempts)
            self.retryBackoff = retryBackoff
        }
    }

    public typealias Handler = @Sendable (ReceivedEvent) async throws -> Void

    private let source: any EventSource
    private let settings: Settings
    private let handler: Handler
    private let logger: Logger
    private let inFlight = Mutex(0)
    private let slotFreed = WakeupSignal()
    private let draining = Mutex(false)
    private let metrics = WorkerMetrics()
    /// Beats each time the take loop goes round (at least every second or so while it runs).
    public let heartbeat = Heartbeat()

    public init(source: any EventSource, settings: Settings, logger: Logger, handler: @escaping Handler) {
        self.source = source
        self.settings = settings
        self.logger = logger
        self.handler = handler
    }

    /// Whether ``drain()`` was called.
    public var isDraining: Bool { draining.withLock { $0 } }

    /// Events being processed now.
    public var eventsInFlight: Int { inFlight.withLock { $0 } }

    /// Processes events until ``drain()``; then waits for the events in flight.
    public func run() async {
        await withDiscardingTaskGroup { group in
            while !draining.withLock({ $0 }) {
                heartbeat.beat()
                let free = settings.concurrency - eventsInFlight
                guard free > 0 else {
                    await slotFreed.wait(upTo: .seconds(1))
                    continue
                }
                let events: [ReceivedEvent]
                do {
                    events = try await source.next(limit: min(free, settings.takeLimit))
                } catch {
                    logger.error("could not take events from the queue; retrying", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                    continue
                }
                for event in events {
                    inFlight.withLock { $0 += 1 }
                    group.addTask {
                        await self.handle(event)
                        self.inFlight.withLock { $0 -= 1 }
                        self.slotFreed.signal()
                    }
                }
            }
        }
    }

    /// Stops taking events; ``run()`` returns once the events in flight are done.
    public func drain() {
        draining.withLock { $0 = true }
        slotFreed.signal()
    }

    private func handle(_ event: ReceivedEvent) async {
        do {
            try await handler(event)
            try await source.complete(event)
        } catch {
            await settle(event, after: error)
        }
    }

    /// A failed event is retried later, or dead-lettered when it can never succeed or has used
    /// its attempts. If even that fails, the queue hands the event out again on its own.
    private func settle(_ event: ReceivedEvent, after error: any Error) async {
        let poison = error is WorkerError || error is DecodingError
        let description = String(describing: error)
        do {
            if poison || event.attempt >= settings.maxAttempts {
                logger.error("event dead-lettered", metadata: [
                    "attempt": "\(event.attempt)", "error": "\(description)",
                ])
                try await source.deadLetter(event, error: description)
                metrics.deadLettered()
            } else {
                let delay = settings.retryBackoff.delay(beforeRetry: event.attempt)
                logger.warning("event failed; will retry", metadata: ["attempt": "\(event.attempt)", "error": "\(description)"])
                try await source.retry(event, after: delay, error: description)
            }
        } catch {
            logger.error("could not settle a failed event; it will be handed out again", metadata: ["error": "\(error)"])
        }
    }
}
