extension Collection where Element: Sendable {
    /// `transform` applied to every element, at most `limit` (at least one) at a time, in the
    /// collection's order.
    /// - Throws: the first error `transform` throws; the transforms still running are cancelled.
    func concurrentMap<T: Sendable>(
        limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var running = 0
            for (index, element) in enumerated() {
                if running >= limit, let (done, value) = try await group.next() {
                    results[done] = value
                    running -= 1
                }
                group.addTask { (index, try await transform(element)) }
                running += 1
            }
            for try await (done, value) in group { results[done] = value }
            return results.map { $0! }
        }
    }
}
