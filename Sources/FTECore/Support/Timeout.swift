/// `operation` ran longer than its time limit and was cancelled.
public struct TimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public var limit: Duration
    public var description: String { "no result within \(limit.wholeMilliseconds) ms" }
}

/// Runs `operation`, cancelling it when it takes longer than `limit`.
/// - Throws: ``TimeoutError`` after `limit`, or what `operation` throws.
public func withTimeLimit<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else { throw TimeoutError(limit: limit) }
        return result
    }
}
