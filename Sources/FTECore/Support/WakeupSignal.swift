import Synchronization

/// Wakes a waiting loop: ``signal()`` ends the current (or the next) ``wait(upTo:)`` early.
/// Signals do not accumulate: many signals before a wait end one wait.
public final class WakeupSignal: Sendable {
    private struct State {
        var pending = false
        /// Waits in progress; `nil` until the waiter's continuation is registered.
        var waiting: [Int: CheckedContinuation<Void, Never>?] = [:]
        /// Waits that were ended before their continuation was registered.
        var ended: Set<Int> = []
        var nextID = 0

        mutating func end(_ id: Int) -> CheckedContinuation<Void, Never>? {
            guard let entry = waiting.removeValue(forKey: id) else { return nil }
            if entry == nil { ended.insert(id) }
            return entry
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes every current waiter, or the next one when none waits.
    public func signal() {
        let continuations = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiting.isEmpty else {
                state.pending = true
                return []
            }
            let ids = Array(state.waiting.keys)
            return ids.compactMap { state.end($0) }
        }
        continuations.forEach { $0.resume() }
    }

    /// Returns after a signal, after `timeout`, or when the task is cancelled.
    public func wait(upTo timeout: Duration) async {
        let id = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextID += 1
            state.waiting[state.nextID] = .some(nil)
            return state.nextID
        }
        guard let id else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.end(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let endedAlready = state.withLock { state -> Bool in
                    if state.ended.remove(id) != nil { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if endedAlready { continuation.resume() }
            }
        } onCancel: {
            end(id)
        }
        timer.cancel()
    }

    private func end(_ id: Int) {
        state.withLock { $0.end(id) }?.resume()
    }
}
