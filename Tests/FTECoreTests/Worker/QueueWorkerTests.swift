import FTECore
import Logging
import Synchronization
import Testing

@Suite struct QueueWorkerTests {
    /// A queue of `total` events (each its own customer) that records the limit of every take.
    final class RecordingSource: EventSource {
        let total: Int
        let state = Mutex((handedOut: 0, completed: 0, limits: [Int]()))

        init(total: Int) { self.total = total }

        func next(limit: Int) async throws -> [ReceivedEvent] {
            let range = state.withLock { state -> Range<Int> in
                state.limits.append(limit)
                let start = state.handedOut
                state.handedOut = min(total, start + limit)
                return start..<state.handedOut
            }
            if range.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            return range.map {
                ReceivedEvent(receipt: .row(Int64($0)), partitionKey: "customer-\($0)", payload: [], attempt: 1)
            }
        }

        func complete(_ event: ReceivedEvent) async throws { state.withLock { $0.completed += 1 } }
        func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws {}
        func deadLetter(_ event: ReceivedEvent, error: String) async throws {}
        func close() async {}
    }

    @Test func aWorkerTakesAtMostItsTakeLimitAtATime() async throws {
        let source = RecordingSource(total: 100)
        let worker = QueueWorker(
            source: source, settings: .init(concurrency: 200, takeLimit: 16),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        ) { _ in try await Task.sleep(for: .milliseconds(50)) }
        let running = Task { await worker.run() }
        while source.state.withLock({ $0.completed }) < 100 { try await Task.sleep(for: .milliseconds(10)) }
        worker.drain()
        await running.value
        let limits = source.state.withLock { $0.limits }
        #expect(limits.max() == 16)
        #expect(limits.count >= 7, "100 events in takes of at most 16")
    }
}
