import Dispatch
import Synchronization

/// Runs the iterations of a loop on a fixed number of threads: the calling thread plus workers
/// from Dispatch's pool (never Swift's cooperative pool), handing out iterations one at a time
/// so that uneven work (attention over long and short texts) stays balanced.
struct ParallelLoop: Sendable {
    /// The number of threads that run iterations, at least 1.
    let threads: Int

    init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// Calls `body(worker, i)` for each `i` in `0..<count`, each exactly once, and returns when
    /// all have finished. `worker` (in `0..<threads`) is the same for iterations run by one
    /// thread, so it can pick per-thread scratch memory. `body` must only write memory that no
    /// other iteration touches.
    func forEach(_ count: Int, _ body: (_ worker: Int, _ index: Int) -> Void) {
        if threads == 1 || count <= 1 {
            for i in 0..<count { body(0, i) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBody(call: body)
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { worker in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { return }
                    shared.call(worker, i)
                }
            }
        }
    }

    /// Calls `body(i)` for each `i` in `0..<count`, in parallel.
    func forEach(_ count: Int, _ body: (Int) -> Void) {
        forEach(count) { _, i in body(i) }
    }

    /// Calls `body` on consecutive row ranges that together cover `0..<rows`, in parallel.
    func forEachChunk(rows: Int, chunk: Int = 64, _ body: (Range<Int>) -> Void) {
        let chunks = (rows + chunk - 1) / chunk
        forEach(chunks) { i in body(i * chunk..<min(rows, (i + 1) * chunk)) }
    }
}

/// The loop body handed to Dispatch's worker threads.
///
/// @unchecked Sendable: `concurrentPerform` returns only after every iteration has run, so the
/// body never outlives the call, and `ParallelLoop.forEach`'s contract is that iterations write
/// disjoint memory.
private struct UncheckedBody: @unchecked Sendable {
    let call: (Int, Int) -> Void
}
