/// Which statements one connection has prepared, by SQL text, with the least recently used
/// evicted first once `capacity` is reached.
///
/// Statements are named `fte_1`, `fte_2`, … in the order they were prepared; a name is never
/// reused on the same connection, so an evicted statement that could not be deallocated cannot
/// be mistaken for a new one.
struct PreparedStatementCache {
    /// Most statements kept; 0 disables preparing.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var lastNumber = 0

    private struct Entry {
        var name: String
        var lastUse: UInt64
    }

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The name `sql` was prepared under, marking it as just used.
    mutating func name(for sql: String) -> String? {
        guard entries[sql] != nil else { return nil }
        clock += 1
        entries[sql]!.lastUse = clock
        return entries[sql]!.name
    }

    /// A fresh name for `sql`, not yet recorded (see ``record(_:name:)``).
    mutating func nextName() -> String {
        lastNumber += 1
        return "fte_\(lastNumber)"
    }

    /// The least recently used statement's SQL and name, when the cache is full.
    var evictionCandidate: (sql: String, name: String)? {
        guard capacity > 0, entries.count >= capacity else { return nil }
        return entries.min { $0.value.lastUse < $1.value.lastUse }.map { ($0.key, $0.value.name) }
    }

    /// Records that `sql` is prepared as `name`.
    mutating func record(_ sql: String, name: String) {
        clock += 1
        entries[sql] = Entry(name: name, lastUse: clock)
    }

    /// Forgets `sql` (evicted, or its plan became unusable).
    mutating func remove(_ sql: String) {
        entries[sql] = nil
    }
}
