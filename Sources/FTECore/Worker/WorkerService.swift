import Logging
import ServiceLifecycle

/// `fte work` as a service: the queue worker and the outbox dispatcher. On graceful shutdown
/// (SIGTERM) it stops taking events, lets the events in flight finish, then stops the
/// dispatcher and closes the queue.
public struct WorkerService: Service {
    private let worker: QueueWorker
    private let source: any EventSource
    private let dispatcher: OutboxDispatcher
    private let onStop: @Sendable () async -> Void

    /// - Parameter onStop: releases what the worker owns (its LLM connections) once it stopped.
    public init(
        worker: QueueWorker, source: any EventSource, dispatcher: OutboxDispatcher,
        onStop: @escaping @Sendable () async -> Void = {}
    ) {
        self.onStop = onStop
        self.worker = worker
        self.source = source
        self.dispatcher = dispatcher
    }

    public func run() async throws {
        let (worker, dispatcher) = (worker, dispatcher)
        await withDiscardingTaskGroup { group in
            group.addTask { await worker.run() }
            group.addTask { await dispatcher.run() }
            group.addTask {
                try? await gracefulShutdown()
                worker.drain()
                // Replies of the events that finish while draining still go out on this round.
                while worker.eventsInFlight > 0 { try? await Task.sleep(for: .milliseconds(50)) }
                dispatcher.stop()
            }
        }
        await source.close()
        await onStop()
    }
}
