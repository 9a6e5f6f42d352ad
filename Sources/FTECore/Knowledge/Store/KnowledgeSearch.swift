import Foundation

/// One passage found for a query.
public struct KnowledgeSearchResult: Sendable, Encodable {
    /// 1 for the best result.
    public var rank: Int
    /// The fused score: the cosine similarity plus the full text's share (see
    /// ``KnowledgeSearch/textWeight``); in one mode alone, that ranking's own score.
    public var score: Double
    /// Cosine similarity of the passage to the query, in [-1, 1]: how confident retrieval is.
    public var similarity: Double
    public var source: String
    public var title: String
    public var category: String
    public var headingPath: String
    public var content: String
    public var chunkID: Int64

    /// The content on one line, cut at about 160 characters on a word boundary.
    public var snippet: String {
        let line = content.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard line.count > 160 else { return line }
        let cut = line.prefix(160)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }

    enum CodingKeys: String, CodingKey {
        case rank, score, similarity, source, title, category, content, snippet
        case headingPath = "heading_path", chunkID = "chunk_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode((score * 1_000_000).rounded() / 1_000_000, forKey: .score)
        try c.encode((similarity * 10_000).rounded() / 10_000, forKey: .similarity)
        try c.encode(source, forKey: .source)
        try c.encode(title, forKey: .title)
        try c.encode(category, forKey: .category)
        try c.encode(headingPath, forKey: .headingPath)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(content, forKey: .content)
        try c.encode(chunkID, forKey: .chunkID)
    }
}

/// Which rankings a search uses: both fused (the default), or one alone for comparison
/// (`fte kb eval` reports all three).
public enum SearchMode: String, Sendable, CaseIterable, Encodable {
    /// Dense and full-text rankings fused.
    case hybrid
    /// The embedding's nearest chunks only.
    case dense
    /// Full-text matches only.
    case fullText = "full-text"
}

/// Hybrid search over the knowledge base: the nearest chunks by embedding (HNSW, cosine) and
/// the best full-text matches (the query's selective words, each weighted by its rarity),
/// fused by adding a small share of the full-text relevance to the cosine similarity. The
/// agent's `search_knowledge_base` tool and `fte kb search` both use it.
public struct KnowledgeSearch: Sendable {
    /// Candidates taken from each ranking before fusion.
    public var candidates = 40
    /// What the best full-text match adds to a passage's cosine similarity in the fused score
    /// (others add their share of its relevance): full text decides close calls between
    /// passages the embedding finds about as similar, and cannot lift a passage the embedding
    /// finds unrelated above a related one.
    public var textWeight = 0.05
    /// Full text uses only words found in at most 1/N of the chunks (and at most 100 chunks
    /// in a small knowledge base).
    public var rareTermShareDivisor = 50
    /// Full text uses the query's rarest selective words while together they occur in at most
    /// this many chunks: ranking each match costs ~10 µs, so this bounds the text side's time
    /// however large the knowledge base grows.
    public var textMatchBudget = 400
    /// Passages one document may contribute to the results. With 1 (the default) the `k`
    /// results come from `k` documents: a second passage of the best document rarely tells the
    /// agent more than the best passage of the next one (on the sample question sets, the
    /// answering document in the top 5 went from 0.976 to 1.0 on one, unchanged on the other).
    public var passagesPerDocument = 1
    private let database: Database
    private let embedder: any Embedder

    public init(database: Database, embedder: any Embedder) {
        self.database = database
        self.embedder = embedder
    }

    /// The `k` best passages for `query` (at most ``passagesPerDocument`` of a document), optionally only from one category.
    ///
    /// One round trip in the common case: the statement also returns the recorded embedder, and
    /// only an empty result or a failed statement costs a second query to say why.
    /// - Parameter mode: both rankings fused, or one alone.
    /// - Throws: ``KnowledgeError`` for an empty query, `k` outside 1...50, an empty knowledge
    ///   base or one embedded by another model; ``DatabaseError``.
    public func search(
        _ query: String, k: Int = 5, category: String? = nil, mode: SearchMode = .hybrid
    ) async throws -> [KnowledgeSearchResult] {
        let text = query.trimmingWhitespace()
        guard !text.isEmpty else { throw KnowledgeError(code: .invalidInput, message: "the search query is empty") }
        guard (1...50).contains(k) else { throw KnowledgeError(code: .invalidInput, message: "k must be between 1 and 50 (got \(k))") }
        let vector = PGVector(try await embedder.embed(text))
        let rows: [DatabaseRow]
        do {
            rows = try await database.query(statement(text: text, vector: vector, k: k, category: category, mode: mode))
        } catch let error as DatabaseError where error.isDataError {
            try await checkRecordedEmbedder(nil)  // a KB of another dimension fails the vector cast
            throw error
        }
        try await checkRecordedEmbedder(
            rows.first.map { EmbedderIdentity(model: try $0.decode("embed_model"), dimension: try $0.decode("dimension")) })
        return try rows.enumerated().map { index, row in
            KnowledgeSearchResult(
                rank: index + 1, score: try row.decode("score"), similarity: try row.decode("similarity"),
                source: try row.decode("source"), title: try row.decode("title"), category: try row.decode("category"),
                headingPath: try row.decode("heading_path"), content: try row.decode("content"), chunkID: try row.decode("id"))
        }
    }

    /// Throws unless the knowledge base was embedded by this search's embedder. `recorded` is
    /// the identity a search returned; without one it is read from the database.
    private func checkRecordedEmbedder(_ recorded: EmbedderIdentity?) async throws {
        var identity = recorded
        if identity == nil { identity = try await KnowledgeStore(database: database).embedder() }
        guard let identity else {
            throw KnowledgeError(code: .empty, message: "the knowledge base is empty: run `fte kb ingest PATH…` first")
        }
        guard identity == EmbedderIdentity(embedder) else {
            throw KnowledgeError(
                code: .embedderMismatch,
                message: "the knowledge base was embedded with \(identity.model) (\(identity.dimension) dimensions), not \(embedder.modelName); configure that embedder or run `fte kb reindex`")
        }
    }

    /// The search statement. Only the query's text, its vector (bound once) and the category
    /// are bind parameters; the tuning numbers are SQL literals, so the server's cached generic
    /// plan knows the limits and keeps using the HNSW index. The HNSW settings are session
    /// settings (``DatabaseConfiguration``).
    ///
    /// The full-text side scores a chunk by the sum, over the query's selective words it holds,
    /// of the word's rarity (BM25's inverse document frequency) times its `ts_rank` (which
    /// weighs the heading path, title included, ten times the body): a common word such as
    /// "account" no longer outranks the one rare word that names the topic.
    ///
    /// The fused ranking is computed on chunk ids, with the distances the vector side already
    /// has (a text-only hit's is looked up by id); each document keeps only its best
    /// ``passagesPerDocument`` passages; only the `k` best chunks are read whole.
    private func statement(text: String, vector: PGVector, k: Int, category: String?, mode: SearchMode) -> SQLQuery {
        let categoryFilter: SQLQuery = category.map { "AND d.category = \($0)" } ?? ""
        // The embedder's dimension (an Int), matching the expression index.
        let typed = SQLQuery(unsafeSQL: "::vector(\(embedder.dimension))")
        let query: SQLQuery = "\(shared: vector)\(fragment: typed)"
        let denseCandidates = SQLQuery(unsafeSQL: String(mode == .fullText ? 0 : candidates))
        let textCandidates = SQLQuery(unsafeSQL: String(mode == .dense ? 0 : candidates))
        let score = switch mode {
        case .hybrid: SQLQuery(unsafeSQL: "similarity + \(textWeight)::float8 * text_score")
        case .dense: SQLQuery(unsafeSQL: "similarity")
        case .fullText: SQLQuery(unsafeSQL: "text_score")
        }
        let divisor = SQLQuery(unsafeSQL: String(rareTermShareDivisor))
        let budget = SQLQuery(unsafeSQL: String(textMatchBudget))
        let limit = SQLQuery(unsafeSQL: String(k))
        let perDocument = SQLQuery(unsafeSQL: String(max(1, passagesPerDocument)))
        return """
            WITH vector_hits AS (
                SELECT c.id, c.embedding\(fragment: typed) <=> \(fragment: query) AS distance
                FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id
                WHERE true \(fragment: categoryFilter)
                ORDER BY c.embedding\(fragment: typed) <=> \(fragment: query)
                LIMIT \(fragment: denseCandidates)
            ), terms AS (
                -- The query's words that occur in at most 2 % of chunks (at least 100), rarest
                -- first while their chunks add up to the budget, each with its BM25 rarity.
                SELECT quote_literal(lexeme)::tsquery AS query, quote_literal(lexeme) AS literal,
                       ln(1 + (total - chunks + 0.5) / (chunks + 0.5)) AS rarity
                FROM (
                    SELECT w.lexeme, w.chunks, s.total_chunks AS total,
                           sum(w.chunks) OVER (ORDER BY w.chunks, w.lexeme) AS running
                    FROM (SELECT DISTINCT u.lexeme, coalesce((SELECT t.chunks FROM kb_terms t WHERE t.lexeme = u.lexeme), 0) AS chunks
                          FROM unnest(tsvector_to_array(to_tsvector('english', \(text)))) AS u(lexeme)) w, kb_settings s
                    WHERE w.chunks > 0 AND w.chunks <= greatest(100, s.total_chunks / \(fragment: divisor))
                ) rarest WHERE running <= \(fragment: budget)
            ), matches AS (
                -- Every chunk holding one of them, through the GIN index (one OR query).
                SELECT c.id, c.search_vector
                FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id,
                     (SELECT coalesce(string_agg(literal, ' | '), '')::tsquery AS query FROM terms) q
                WHERE c.search_vector @@ q.query \(fragment: categoryFilter)
            ), text_hits AS (
                SELECT id, relevance / max(relevance) OVER () AS text_score FROM (
                    SELECT m.id, sum(t.rarity * ts_rank(m.search_vector, t.query)) AS relevance
                    FROM matches m JOIN terms t ON m.search_vector @@ t.query
                    GROUP BY m.id
                    ORDER BY relevance DESC, m.id
                    LIMIT \(fragment: textCandidates)) ranked
            ), candidates AS (
                SELECT coalesce(v.id, t.id) AS id, v.distance, coalesce(t.text_score, 0) AS text_score
                FROM vector_hits v FULL JOIN text_hits t ON t.id = v.id
            ), scored AS (
                SELECT id, text_score,
                       1 - coalesce(distance, (SELECT c.embedding\(fragment: typed) <=> \(fragment: query)
                                               FROM kb_chunks c WHERE c.id = candidates.id)) AS similarity
                FROM candidates
            ), best AS (
                -- A document's best passages only: the k results name several documents, not
                -- one document's neighbouring chunks.
                SELECT id, score, similarity FROM (
                    SELECT id, score, similarity,
                           row_number() OVER (PARTITION BY document_id ORDER BY score DESC, similarity DESC, id) AS place
                    FROM (SELECT s.id, c.document_id, \(fragment: score) AS score, s.similarity
                          FROM scored s JOIN kb_chunks c ON c.id = s.id) fused
                ) per_document
                WHERE place <= \(fragment: perDocument)
                ORDER BY score DESC, similarity DESC
                LIMIT \(fragment: limit)
            )
            SELECT c.id, d.source, d.title, d.category, c.heading_path, c.content, s.embed_model, s.dimension,
                   b.score, b.similarity
            FROM best b JOIN kb_chunks c ON c.id = b.id JOIN kb_documents d ON d.id = c.document_id
            CROSS JOIN kb_settings s
            ORDER BY b.score DESC, b.similarity DESC
            """
    }
}

extension KnowledgeSearch {
    /// The categories of the ingested documents (their top folders), sorted.
    public func categories() async throws -> [String] {
        try await database.query("SELECT DISTINCT category FROM kb_documents ORDER BY category").map { try $0.decode("category") }
    }
}
