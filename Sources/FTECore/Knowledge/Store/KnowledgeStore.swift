import Foundation

/// The embedder that produced the vectors in the knowledge base.
public struct EmbedderIdentity: Sendable, Equatable {
    public var model: String
    public var dimension: Int

    public init(model: String, dimension: Int) {
        self.model = model
        self.dimension = dimension
    }

    public init(_ embedder: any Embedder) {
        self.init(model: embedder.modelName, dimension: embedder.dimension)
    }
}

/// A stored document, as `fte kb list` shows it.
public struct KnowledgeDocumentRecord: Sendable, Codable, DatabaseRowDecodable {
    public var source: String
    public var title: String
    public var category: String
    public var format: String
    public var chunks: Int
    public var ingestedAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case source, title, category, format, chunks
        case ingestedAt = "ingested_at", updatedAt = "updated_at"
    }
}

/// Documents and chunks in PostgreSQL: pgvector (HNSW, cosine) plus full text.
public struct KnowledgeStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The embedder recorded for the knowledge base, if anything was ingested.
    public func embedder() async throws -> EmbedderIdentity? {
        guard let row = try await database.query("SELECT embed_model, dimension FROM kb_settings").first else { return nil }
        return EmbedderIdentity(model: try row.decode("embed_model"), dimension: try row.decode("dimension"))
    }

    /// Records `identity` on first use (creating the HNSW index for its dimension), or checks
    /// that it is the one recorded.
    /// - Throws: ``KnowledgeError`` `embedderMismatch`, saying how to re-index.
    public func adopt(_ identity: EmbedderIdentity) async throws {
        if let recorded = try await embedder() {
            guard recorded == identity else {
                throw KnowledgeError(
                    code: .embedderMismatch,
                    message: "the knowledge base was embedded with \(recorded.model) (\(recorded.dimension) dimensions) but this run uses \(identity.model) (\(identity.dimension)); re-embed everything with `fte kb reindex`, or configure the original embedder")
            }
            return
        }
        try await database.withTransaction { c in
            try await c.execute("LOCK TABLE kb_settings IN EXCLUSIVE MODE")
            guard try await c.query("SELECT 1 FROM kb_settings").isEmpty else { return }
            try await c.execute(
                "INSERT INTO kb_settings (embed_model, dimension) VALUES (\(identity.model), \(identity.dimension))")
            try await Self.createVectorIndex(c, dimension: identity.dimension)
        }
        if try await embedder() != identity { try await adopt(identity) }
    }

    /// The HNSW index is on `embedding::vector(N)`: an untyped column can hold any embedder's
    /// vectors, the expression index gives the fixed dimension HNSW needs.
    static func createVectorIndex(_ c: DatabaseConnection, dimension: Int) async throws {
        try await c.execute("DROP INDEX IF EXISTS kb_chunks_embedding_idx")
        // The dimension is an Int from the embedder, not user text; DDL takes no parameters.
        try await c.execute(SQLQuery(unsafeSQL:
            "CREATE INDEX kb_chunks_embedding_idx ON kb_chunks USING hnsw ((embedding::vector(\(dimension))) vector_cosine_ops)"))
    }

    /// Content hash and embedding model of every stored document, by source.
    public func storedHashes() async throws -> [String: (hash: String, model: String)] {
        var result: [String: (String, String)] = [:]
        for row in try await database.query("SELECT source, content_hash, embed_model FROM kb_documents") {
            result[try row.decode("source")] = (try row.decode("content_hash"), try row.decode("embed_model"))
        }
        return result
    }

    /// Chunks inserted per statement. One statement per document took 11 s for a 3 MB file's
    /// 3,347 chunks (HNSW insertion) on a loaded machine, so a 10 MB file (the default
    /// `FTE_KB_MAX_FILE_BYTES`) would outlast the 30 s statement timeout. 256 per statement took
    /// 0.3-0.6 s on an idle machine but over 5 s on a loaded CI machine (a 2-core test run);
    /// 64 take 0.1-0.15 s idle, far below any timeout, and the extra round trips (about one
    /// millisecond each) cost nothing measurable next to the embedding.
    static let chunksPerStatement = 64

    /// Replaces a document and all its chunks in one transaction (an interrupted ingest never
    /// leaves a half-written document); the chunks go in ``chunksPerStatement`` at a time.
    public func replace(
        _ file: SourceFile, document: KnowledgeDocument, chunks: [Chunk], embeddings: [[Float]], model: String
    ) async throws {
        precondition(chunks.count == embeddings.count, "one embedding per chunk")
        try await database.withTransaction { c in
            let id: UUID = try await c.query(
                """
                INSERT INTO kb_documents (source, title, category, format, content_hash, chunk_count, embed_model)
                VALUES (\(file.source), \(document.title), \(file.category), \(document.format.rawValue),
                        \(file.contentHash), \(chunks.count), \(model))
                ON CONFLICT (source) DO UPDATE SET title = EXCLUDED.title, category = EXCLUDED.category,
                    format = EXCLUDED.format, content_hash = EXCLUDED.content_hash,
                    chunk_count = EXCLUDED.chunk_count, embed_model = EXCLUDED.embed_model, updated_at = now()
                RETURNING id
                """)[0].decode("id")
            try await c.execute("DELETE FROM kb_chunks WHERE document_id = \(id)")
            for start in stride(from: 0, to: chunks.count, by: Self.chunksPerStatement) {
                let part = start..<min(start + Self.chunksPerStatement, chunks.count)
                let slice = chunks[part]
                try await c.execute(
                    """
                    INSERT INTO kb_chunks (document_id, ordinal, heading_path, content, token_count, embedding)
                    SELECT \(id), * FROM unnest(\(slice.map(\.ordinal))::int[], \(slice.map(\.headingPath))::text[],
                                                \(slice.map(\.content))::text[], \(slice.map(\.tokenCount))::int[],
                                                \(embeddings[part].map(PGVector.init))::vector[])
                    """)
            }
        }
    }

    /// Recounts how many chunks each word occurs in (after an ingest changed anything).
    public func refreshTermStatistics() async throws {
        try await database.execute("SELECT kb_refresh_terms()")
    }

    /// Deletes the documents of `sources`; returns the sources deleted.
    public func removeDocuments(_ sources: Set<String>) async throws -> [String] {
        guard !sources.isEmpty else { return [] }
        let rows = try await database.query(
            "DELETE FROM kb_documents WHERE source = ANY(\(Array(sources))::text[]) RETURNING source")
        return try rows.map { try $0.decode("source") }.sorted()
    }

    /// Every document, by source.
    public func documents() async throws -> [KnowledgeDocumentRecord] {
        try await database.query(KnowledgeDocumentRecord.self, Self.documentColumns.appending("ORDER BY source"))
    }
}

extension KnowledgeStore {
    /// Re-embeds every chunk with `embedder` and records it, in one transaction: searches keep
    /// using the old vectors until the new ones are committed. The transaction runs without the
    /// statement timeout: rebuilding the HNSW index of a large knowledge base takes minutes.
    /// - Returns: the number of chunks re-embedded.
    public func reindex(
        with embedder: any Embedder, batchSize: Int = 64, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Int {
        let identity = EmbedderIdentity(embedder)
        return try await database.withTransaction { c in
            try await c.execute("SET LOCAL statement_timeout = 0")
            try await c.execute("LOCK TABLE kb_chunks, kb_documents, kb_settings IN EXCLUSIVE MODE")
            let total: Int = try await c.query("SELECT count(*)::int AS n FROM kb_chunks")[0].decode("n")
            var done = 0
            var lastID: Int64 = 0
            progress(0, total)
            while true {
                let rows = try await c.query(
                    "SELECT id, heading_path, content FROM kb_chunks WHERE id > \(lastID) ORDER BY id LIMIT \(batchSize)")
                guard let last = rows.last else { break }
                let ids: [Int64] = try rows.map { try $0.decode("id") }
                let texts: [String] = try rows.map { row in
                    let path: String = try row.decode("heading_path")
                    let content: String = try row.decode("content")
                    return path.isEmpty ? content : path + "\n" + content
                }
                let vectors = try await embedder.embed(texts).map(PGVector.init)
                try await c.execute(
                    """
                    UPDATE kb_chunks c SET embedding = n.embedding
                    FROM unnest(\(ids)::bigint[], \(vectors)::vector[]) AS n(id, embedding) WHERE c.id = n.id
                    """)
                lastID = try last.decode("id")
                done += rows.count
                progress(done, total)
            }
            try await c.execute("UPDATE kb_documents SET embed_model = \(identity.model)")
            try await c.execute("DELETE FROM kb_settings")
            try await c.execute("INSERT INTO kb_settings (embed_model, dimension) VALUES (\(identity.model), \(identity.dimension))")
            try await Self.createVectorIndex(c, dimension: identity.dimension)
            try await c.execute("SELECT kb_refresh_terms()")
            return total
        }
    }
}
