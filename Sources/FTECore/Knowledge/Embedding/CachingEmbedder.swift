import Synchronization

/// Remembers the vectors of recently embedded texts, so a question customers ask again and again
/// ("how do I reset my password?") is embedded once. Holds at most `capacity` texts and forgets
/// the least recently used first; a vector is a pure function of its text, so a hit is exact.
public final class CachingEmbedder: Embedder {
    private struct Entry {
        var vector: [Float]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let base: any Embedder
    private let capacity: Int
    private let state = Mutex(State())

    public var modelName: String { base.modelName }
    public var dimension: Int { base.dimension }

    /// - Parameter capacity: the most texts remembered (0 turns the cache off).
    public init(_ base: any Embedder, capacity: Int = 4_096) {
        self.base = base
        self.capacity = max(0, capacity)
    }

    /// How many texts are remembered now.
    public var count: Int { state.withLock { $0.entries.count } }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard capacity > 0 else { return try await base.embed(texts) }
        var vectors: [[Float]?] = state.withLock { state in
            texts.map { text in
                guard var entry = state.entries[text] else { return nil }
                state.clock += 1
                entry.lastUse = state.clock
                state.entries[text] = entry
                return entry.vector
            }
        }
        let missing = Array(Set(texts.indices.filter { vectors[$0] == nil }.map { texts[$0] }))
        guard !missing.isEmpty else { return vectors.map { $0! } }
        let computed = Dictionary(uniqueKeysWithValues: zip(missing, try await base.embed(missing)))
        for index in texts.indices where vectors[index] == nil { vectors[index] = computed[texts[index]] }
        remember(computed)
        return vectors.map { $0! }
    }

    private func remember(_ computed: [String: [Float]]) {
        state.withLock { state in
            for (text, vector) in computed {
                state.clock += 1
                state.entries[text] = Entry(vector: vector, lastUse: state.clock)
            }
            let excess = state.entries.count - capacity
            guard excess > 0 else { return }
            // Evicting in bulk (an eighth of the cache) keeps the sort rare.
            let evicted = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
                .prefix(excess + capacity / 8).map(\.key)
            for text in evicted { state.entries.removeValue(forKey: text) }
        }
    }
}
