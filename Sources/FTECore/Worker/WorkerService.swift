import Logging
import ServiceLifecycle

/// `fte work` as a service: the queue worker and the outbox dispatcher. On graceful shutdown
/// (SIGTERM) it stops taking events and lets the events in flight finish; then it closes the
/// queue at once (on Kafka the consumer commits and leaves its group, so the others take its
/// partitions without waiting for the session timeout) while the dispatcher sends the replies
/// of those events and stops.
///
/// It answers the probes of `fte work --port` (``liveness()``, ``readiness()``) and samples
/// the gauges of ``WorkerMetrics`` (queue backlog, outbox pending, circuit breakers) every
/// ``Probes/sampleInterval``, readiness included (`fte_worker_ready`, for alerts).
public struct WorkerService: Service {
    /// How the service judges and measures itself.
    public struct Probes: Sendable {
        /// A loop silent this long counts as stuck: ``liveness()`` fails and Kubernetes restarts
        /// the process. Longer than any one round may take (a database statement's timeout).
        public var stallLimit: Duration = .seconds(120)
        /// How often the backlog, outbox and breaker gauges are measured.
        public var sampleInterval: Duration = .seconds(10)

        public init() {}
    }

    private let worker: QueueWorker
    private let source: any EventSource
    private let dispatcher: OutboxDispatcher
    private let database: Database
    private let probes: Probes
    private let logger: Logger
    private let onStop: @Sendable () async -> Void
    private let metrics = WorkerMetrics()

    /// - Parameter onStop: releases what the worker owns (its LLM connections) once it stopped.
    public init(
        worker: QueueWorker, source: any EventSource, dispatcher: OutboxDispatcher, database: Database,
        probes: Probes = Probes(), logger: Logger, onStop: @escaping @Sendable () async -> Void = {}
    ) {
        self.worker = worker
        self.source = source
        self.dispatcher = dispatcher
        self.database = database
        self.probes = probes
        self.logger = logger
        self.onStop = onStop
    }

    public func run() async throws {
        let (worker, dispatcher) = (worker, dispatcher)
        await withDiscardingTaskGroup { group in
            group.addTask {
                await worker.run()
                // Drained: nothing in flight needs the queue, so its partitions (or leases) go
                // back now rather than after the outbox round below.
                await source.close()
            }
            group.addTask { await dispatcher.run() }
            group.addTask { await self.sampleUntilDrained() }
            group.addTask {
                try? await gracefulShutdown()
                worker.drain()
                // Replies of the events that finish while draining still go out on this round.
                while worker.eventsInFlight > 0 { try? await Task.sleep(for: .milliseconds(50)) }
                dispatcher.stop()
            }
        }
        await onStop()
    }

    // MARK: - Probes

    /// Whether the process is alive: the take loop and the outbox loop went round within
    /// ``Probes/stallLimit``. A draining worker is alive (its loops stop on purpose).
    public func liveness() -> ProbeResult {
        guard !worker.isDraining else { return ProbeResult(checks: ["draining": ProbeResult.ok]) }
        return ProbeResult(checks: [
            "queue_loop": Self.judge(worker.heartbeat, limit: probes.stallLimit),
            "outbox_loop": Self.judge(dispatcher.heartbeat, limit: probes.stallLimit),
        ])
    }

    /// Whether the worker should get work: the database answers, the queue consumer runs (on
    /// Kafka: it joined its group), and it is not draining after SIGTERM.
    public func readiness() async -> ProbeResult {
        let (database, source) = (database, source)
        async let databaseCheck = ProbeResult.check { try await database.ping() }
        async let queueCheck = ProbeResult.check { try await source.checkReady() }
        return ProbeResult(checks: [
            "database": await databaseCheck, "queue": await queueCheck,
            "draining": worker.isDraining ? "draining after SIGTERM: taking no new messages" : ProbeResult.ok,
        ])
    }

    private static func judge(_ heartbeat: Heartbeat, limit: Duration) -> String {
        let silence = heartbeat.silence
        return silence < limit ? ProbeResult.ok : "stalled: silent for \(silence.wholeMilliseconds / 1000) s"
    }

    // MARK: - Gauges

    /// Measures the gauges every ``Probes/sampleInterval`` until the worker drains.
    private func sampleUntilDrained() async {
        while !worker.isDraining {
            await sample()
            let deadline = ContinuousClock.now + probes.sampleInterval
            while !worker.isDraining, ContinuousClock.now < deadline {
                try? await Task.sleep(for: min(.milliseconds(250), probes.sampleInterval))
            }
        }
    }

    /// One measurement; a failed one leaves the gauges as they were.
    func sample() async {
        metrics.ready(await readiness().passed)
        for (channel, state) in dispatcher.circuitStates { metrics.circuit(state, channel: channel) }
        do {
            metrics.outboxPending(try await dispatcher.pendingByChannel())
            if let backlog = try await source.backlog() { metrics.backlog(backlog) }
        } catch {
            logger.debug("could not measure the queue or the outbox", metadata: ["error": "\(error)"])
        }
    }
}
