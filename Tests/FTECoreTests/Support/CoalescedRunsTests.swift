import FTECore
import Synchronization
import Testing

@Suite struct CoalescedRunsTests {
    /// Counts runs; the first run waits until `release()`.
    private final class Operation: Sendable {
        private let count = Mutex(0)
        private let gate: AsyncStream<Void>
        private let opener: AsyncStream<Void>.Continuation

        init() { (gate, opener) = AsyncStream.makeStream() }

        var runs: Int { count.withLock { $0 } }

        func release() { opener.finish() }

        func callAsFunction() async throws -> Int {
            let run = count.withLock { count in
                count += 1
                return count
            }
            if run == 1 { for await _ in gate {} }
            return run
        }
    }

    @Test func callsOneAfterAnotherEachGetTheirOwnRun() async throws {
        let runs = CoalescedRuns<String, Int>()
        let operation = Operation()
        operation.release()
        for expected in 1...3 {
            #expect(try await runs.run("mailbox") { try await operation() } == expected)
        }
    }

    @Test func callersArrivingDuringARunShareTheOneThatStartsAfterIt() async throws {
        let runs = CoalescedRuns<String, Int>()
        let operation = Operation()
        let first = Task { try await runs.run("mailbox") { try await operation() } }
        while operation.runs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let waiting = (1...10).map { _ in Task { try await runs.run("mailbox") { try await operation() } } }
        try await Task.sleep(for: .milliseconds(300))
        operation.release()
        #expect(try await first.value == 1)
        for caller in waiting { #expect(try await caller.value == 2) }
        #expect(operation.runs == 2)
    }

    @Test func keysDoNotWaitForEachOther() async throws {
        let runs = CoalescedRuns<String, Int>()
        let blocked = Operation()
        let first = Task { try await runs.run("a") { try await blocked() } }
        while blocked.runs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try await runs.run("b") { 42 } == 42)
        blocked.release()
        #expect(try await first.value == 1)
    }

    @Test func callersSharingARunShareItsError() async throws {
        struct Failure: Error, Equatable {}
        let runs = CoalescedRuns<String, Int>()
        let operation = Operation()
        let first = Task { try await runs.run("mailbox") { try await operation() } }
        while operation.runs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let failing = (1...3).map { _ in Task { try await runs.run("mailbox") { throw Failure() } } }
        try await Task.sleep(for: .milliseconds(300))
        operation.release()
        _ = try await first.value
        for caller in failing { await #expect(throws: Failure.self) { try await caller.value } }
    }
}
