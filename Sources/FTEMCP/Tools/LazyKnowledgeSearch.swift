import FTECore

/// ``KnowledgeSearch`` whose embedder is loaded on the first search (loading the model takes a
/// moment, and a desk without it still serves the ticket tools). A failed load is tried again
/// on the next search.
actor LazyKnowledgeSearch {
    private let database: Database
    private let loadEmbedder: @Sendable () async throws -> any Embedder
    private var loading: Task<KnowledgeSearch, any Error>?

    init(database: Database, loadEmbedder: @escaping @Sendable () async throws -> any Embedder) {
        self.database = database
        self.loadEmbedder = loadEmbedder
    }

    /// The search, loading the embedder if no earlier call did.
    func loaded() async throws -> KnowledgeSearch {
        if loading == nil {
            let (database, load) = (database, loadEmbedder)
            loading = Task { KnowledgeSearch(database: database, embedder: try await load()) }
        }
        do {
            return try await loading!.value
        } catch {
            loading = nil
            throw error
        }
    }
}
