/// Runs an operation per key so that callers who arrive together share one run.
///
/// A caller joins the run of its key that has not started yet, or schedules one to start when
/// the current run ends. Every caller therefore gets the result of a run that *started after it
/// arrived* — what a sync needs, since a run already under way may have missed the caller's
/// change — while a burst of N callers costs at most two runs instead of N.
///
/// Runs are unstructured tasks: a caller's cancellation does not cancel the run others share.
public actor CoalescedRuns<Key: Hashable & Sendable, Value: Sendable> {
    private struct Scheduled {
        let id: UInt64
        let task: Task<Value, any Error>
        var started = false
    }

    private var latest: [Key: Scheduled] = [:]
    private var nextID: UInt64 = 0

    /// An empty set of runs.
    public init() {}

    /// The result of a run of `operation` for `key` that starts after this call.
    /// - Throws: what that run threw (every caller sharing it gets the same error).
    public func run(_ key: Key, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let scheduled = latest[key], !scheduled.started {
            return try await scheduled.task.value
        }
        let previous = latest[key]?.task
        nextID &+= 1
        let id = nextID
        let task = Task {
            _ = try? await previous?.value
            await self.markStarted(key, id: id)
            return try await operation()
        }
        latest[key] = Scheduled(id: id, task: task)
        return try await task.value
    }

    private func markStarted(_ key: Key, id: UInt64) {
        guard latest[key]?.id == id else { return }
        latest[key]?.started = true
    }
}
