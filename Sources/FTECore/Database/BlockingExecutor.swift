import NIOPosix

/// Runs blocking C calls (libpq) on dedicated threads, off Swift's cooperative pool.
final class BlockingExecutor: Sendable {
    private let pool: NIOThreadPool

    /// Starts `threads` threads.
    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `work` on a pool thread and returns its result.
    /// - Throws: what `work` throws, or ``DatabaseError`` `closed` after ``shutdown()``.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.runIfActive(work)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw DatabaseError(.closed, "the database client is closed")
        }
    }

    /// Stops the threads after queued work finishes.
    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
