import FTECore
import Logging
import Synchronization
import Testing

/// ``QueueWorker``'s failure paths against an in-memory queue: retries with backoff, dead
/// letters after the last attempt or at once for poison, settling failures, a queue that
/// fails to hand out, the concurrency limit and the drain.
@Suite(.timeLimit(.minutes(1))) struct QueueWorkerFailureTests {
    /// A queue that hands out its events and, like the real ones, hands a retried event out
    /// again (one attempt later) and never a completed or dead-lettered one. Records every call.
    final class ScriptedSource: EventSource {
        struct Calls {
            var pending: [ReceivedEvent]
            var completed: [ReceivedEvent] = []
            var retried: [(event: ReceivedEvent, delay: Duration, error: String)] = []
            var deadLettered: [(event: ReceivedEvent, error: String)] = []
            var takes = 0
        }
        let calls: Mutex<Calls>
        /// Thrown by the first `failingCalls` calls of the named operation.
        let failing: Mutex<[String: Int]>

        init(events: Int, failing: [String: Int] = [:]) {
            calls = Mutex(Calls(pending: (0..<events).map {
                ReceivedEvent(receipt: .row(Int64($0)), partitionKey: "customer-\($0)", payload: Array("event \($0)".utf8), attempt: 1)
            }))
            self.failing = Mutex(failing)
        }

        struct Unavailable: Error {}

        private func failIfScripted(_ operation: String) throws {
            let fail = failing.withLock { remaining -> Bool in
                guard let count = remaining[operation], count > 0 else { return false }
                remaining[operation] = count - 1
                return true
            }
            if fail { throw Unavailable() }
        }

        func next(limit: Int) async throws -> [ReceivedEvent] {
            try failIfScripted("next")
            let taken = calls.withLock { calls -> [ReceivedEvent] in
                calls.takes += 1
                let taken = Array(calls.pending.prefix(limit))
                calls.pending.removeFirst(taken.count)
                return taken
            }
            if taken.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            return taken
        }

        func complete(_ event: ReceivedEvent) async throws {
            calls.withLock { $0.completed.append(event) }
        }

        func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws {
            try failIfScripted("retry")
            calls.withLock { calls in
                calls.retried.append((event, delay, error))
                var again = event
                again.attempt += 1
                calls.pending.append(again)
            }
        }

        func deadLetter(_ event: ReceivedEvent, error: String) async throws {
            calls.withLock { $0.deadLettered.append((event, error)) }
        }

        func close() async {}

        var snapshot: Calls { calls.withLock { $0 } }
    }

    struct ProviderDown: Error, CustomStringConvertible {
        var description: String { "the provider is down" }
    }

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `worker` until `done` holds for `source`, then drains it.
    func run(_ worker: QueueWorker, until done: @escaping @Sendable (ScriptedSource.Calls) -> Bool, source: ScriptedSource) async throws {
        let running = Task { await worker.run() }
        while !done(source.snapshot) { try await Task.sleep(for: .milliseconds(5)) }
        worker.drain()
        await running.value
    }

    @Test func aFailingEventIsRetriedWithBackoffUntilItSucceeds() async throws {
        let source = ScriptedSource(events: 1)
        let backoff = Backoff(initial: .milliseconds(400), maximum: .seconds(10))
        let worker = QueueWorker(
            source: source, settings: .init(maxAttempts: 5, retryBackoff: backoff), logger: Self.quiet
        ) { event in
            if event.attempt < 3 { throw ProviderDown() }
        }
        try await run(worker, until: { $0.completed.count == 1 }, source: source)
        let calls = source.snapshot
        #expect(calls.retried.map(\.event.attempt) == [1, 2])
        #expect(calls.retried.allSatisfy { $0.error == "the provider is down" })
        // Full jitter below a ceiling that doubles per retry.
        #expect(calls.retried[0].delay <= backoff.ceiling(beforeRetry: 1))
        #expect(calls.retried[1].delay <= backoff.ceiling(beforeRetry: 2))
        #expect(calls.completed.map(\.attempt) == [3])
        #expect(calls.deadLettered.isEmpty)
    }

    @Test func anEventThatKeepsFailingIsDeadLetteredAfterItsLastAttempt() async throws {
        let source = ScriptedSource(events: 2)
        let handled = Mutex(0)
        let worker = QueueWorker(
            source: source, settings: .init(maxAttempts: 3, retryBackoff: Backoff(initial: .milliseconds(1))),
            logger: Self.quiet
        ) { event in
            handled.withLock { $0 += 1 }
            if event.partitionKey == "customer-0" { throw ProviderDown() }
        }
        try await run(worker, until: { $0.deadLettered.count == 1 && $0.completed.count == 1 }, source: source)
        let calls = source.snapshot
        #expect(calls.retried.map(\.event.attempt) == [1, 2])
        #expect(calls.deadLettered.map(\.event.attempt) == [3])
        #expect(calls.deadLettered.first?.error == "the provider is down")
        #expect(calls.completed.map(\.partitionKey) == ["customer-1"], "one customer's failures do not hold up another's")
        #expect(handled.withLock { $0 } == 4)
    }

    @Test(arguments: [
        WorkerError.invalidEvent("not a normalised event") as any Error,
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON")),
    ])
    func aPoisonEventIsDeadLetteredAtOnce(error: any Error) async throws {
        let source = ScriptedSource(events: 1)
        let worker = QueueWorker(source: source, settings: .init(maxAttempts: 5), logger: Self.quiet) { _ in throw error }
        try await run(worker, until: { !$0.deadLettered.isEmpty }, source: source)
        let calls = source.snapshot
        #expect(calls.retried.isEmpty)
        #expect(calls.deadLettered.map(\.event.attempt) == [1])
        #expect(calls.deadLettered.first?.error == String(describing: error))
        #expect(calls.completed.isEmpty)
    }

    @Test func anEventWhoseRetryCannotBeRecordedIsLeftToTheQueue() async throws {
        // The queue is unreachable when the failure is recorded: the worker neither crashes nor
        // completes the event; the real queues hand it out again when its lease runs out.
        let source = ScriptedSource(events: 2, failing: ["retry": 1])
        let worker = QueueWorker(source: source, settings: .init(maxAttempts: 5), logger: Self.quiet) { event in
            if event.partitionKey == "customer-0" { throw ProviderDown() }
        }
        try await run(worker, until: { $0.completed.count == 1 }, source: source)
        try await Task.sleep(for: .milliseconds(50))
        let calls = source.snapshot
        #expect(calls.completed.map(\.partitionKey) == ["customer-1"])
        #expect(calls.retried.isEmpty && calls.deadLettered.isEmpty)
    }

    @Test func aQueueThatFailsToHandOutIsAskedAgain() async throws {
        let source = ScriptedSource(events: 3, failing: ["next": 2])
        let worker = QueueWorker(source: source, settings: .init(), logger: Self.quiet) { _ in }
        try await run(worker, until: { $0.completed.count == 3 }, source: source)
        #expect(source.snapshot.completed.count == 3)
    }

    @Test func neverMoreThanTheConcurrencyLimitRunAtOnce() async throws {
        let source = ScriptedSource(events: 40)
        let running = Mutex((now: 0, most: 0))
        let worker = QueueWorker(source: source, settings: .init(concurrency: 4, takeLimit: 16), logger: Self.quiet) { _ in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            try await Task.sleep(for: .milliseconds(5))
            running.withLock { $0.now -= 1 }
        }
        try await run(worker, until: { $0.completed.count == 40 }, source: source)
        #expect(running.withLock { $0.most } == 4)
    }

    @Test func drainLetsTheEventsInFlightFinishAndTakesNoMore() async throws {
        let source = ScriptedSource(events: 10)
        let started = Mutex(0)
        let release = Mutex(false)
        let worker = QueueWorker(source: source, settings: .init(concurrency: 3, takeLimit: 3), logger: Self.quiet) { _ in
            started.withLock { $0 += 1 }
            while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }
        }
        let running = Task { await worker.run() }
        while started.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(2)) }
        worker.drain()
        #expect(worker.eventsInFlight == 3)
        let takesAtDrain = source.snapshot.takes
        try await Task.sleep(for: .milliseconds(30))
        release.withLock { $0 = true }
        await running.value
        let calls = source.snapshot
        #expect(calls.completed.count == 3, "the events in flight finish")
        #expect(calls.pending.count == 7, "nothing more is taken")
        #expect(calls.takes <= takesAtDrain + 1)
        #expect(worker.eventsInFlight == 0)
    }
}
