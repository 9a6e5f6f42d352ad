import FTECore
import FTETestSupport
import Foundation
import Testing

/// `KnowledgeSearch` on hand-made chunks with a fixed three-number embedder, so each ranking's
/// contribution is known.
@Suite(.timeLimit(.minutes(2))) struct KnowledgeSearchTests {
    struct FixedEmbedder: Embedder {
        var modelName = "fixed-3"
        var dimension = 3
        /// Every text gets the same unit vector, the fillers' one.
        func embed(_ texts: [String]) async throws -> [[Float]] {
            texts.map { _ in (0..<dimension).map { $0 == 1 ? 1 : 0 } }
        }
    }

    /// Chunks with one word each, `mango` ×10, `zebra` ×30, `apple` ×60 (in id order, which
    /// breaks the text ranking's ties), then 40 fillers the vector ranking prefers (their vector
    /// is the query's).
    private func makeKnowledgeBase(_ client: Database) async throws {
        try await client.execute("INSERT INTO kb_settings (embed_model, dimension) VALUES ('fixed-3', 3)")
        try await client.execute(
            """
            INSERT INTO kb_documents (source, title, format, content_hash, chunk_count, embed_model)
            VALUES ('words.md', 'Words', 'markdown', 'x', 140, 'fixed-3')
            """)
        try await client.execute(
            """
            INSERT INTO kb_chunks (document_id, ordinal, content, token_count, embedding)
            SELECT (SELECT id FROM kb_documents), n,
                   CASE WHEN n <= 10 THEN 'mango notes' WHEN n <= 40 THEN 'zebra notes' WHEN n <= 100 THEN 'apple notes'
                        ELSE 'filler notes' END,
                   2, CASE WHEN n <= 100 THEN '[1,0,0]' ELSE '[0,1,0]' END::vector
            FROM generate_series(1, 140) n ORDER BY n
            """)
        try await client.execute("SELECT kb_refresh_terms()")
    }

    @Test func fullTextUsesTheRarestWordsWithinTheBudget() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await makeKnowledgeBase(client)
                var search = KnowledgeSearch(database: client, embedder: FixedEmbedder())
                search.rareTermShareDivisor = 1  // every word is selective enough
                search.textMatchBudget = 50      // mango (10) + zebra (30) fit; apple (60) does not
                search.passagesPerDocument = 50  // every chunk is in one document
                // The full-text ranking alone: in the fused one, the 40 fillers the embedding
                // prefers come first (see fullTextDecidesOnlyCloseCalls).
                let found = try await search.search("apple zebra mango", k: 50, mode: .fullText).map(\.content)
                #expect(found.contains("mango notes"))
                #expect(found.contains("zebra notes"))
                #expect(!found.contains("apple notes"))
                #expect(!(try await search.search("apple", k: 50, mode: .fullText).map(\.content).contains("apple notes")))
                search.textMatchBudget = 100  // now apple fits too
                #expect(try await search.search("apple", k: 50, mode: .fullText).map(\.content).contains("apple notes"))
                #expect(try await search.search("apple mango", k: 50, mode: .fullText).map(\.content).contains("apple notes"))
                // Rarer words weigh more: every mango chunk ranks above every apple chunk.
                let both = try await search.search("apple mango", k: 50, mode: .fullText).map(\.content)
                #expect(both.prefix(10).allSatisfy { $0 == "mango notes" }, "\(both.prefix(12))")
            }
        }
    }

    /// Three chunks about "zebra" at cosine 0.9 (no word match), 0.88 and 0.5 (both matching):
    /// full text lifts the 0.88 one over the 0.9 one, and cannot lift the 0.5 one over either.
    @Test func fullTextDecidesOnlyCloseCalls() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await client.execute("INSERT INTO kb_settings (embed_model, dimension) VALUES ('fixed-3', 3)")
                try await client.execute(
                    """
                    INSERT INTO kb_documents (source, title, format, content_hash, chunk_count, embed_model)
                    VALUES ('close.md', 'Close calls', 'markdown', 'x', 3, 'fixed-3')
                    """)
                try await client.execute(
                    """
                    INSERT INTO kb_chunks (document_id, ordinal, content, token_count, embedding) VALUES
                      ((SELECT id FROM kb_documents), 1, 'alpha notes', 2, '[0.43589,0.9,0]'),
                      ((SELECT id FROM kb_documents), 2, 'beta zebra', 2, '[0.47497,0.88,0]'),
                      ((SELECT id FROM kb_documents), 3, 'gamma zebra', 2, '[0.86603,0.5,0]')
                    """)
                try await client.execute("SELECT kb_refresh_terms()")
                var search = KnowledgeSearch(database: client, embedder: FixedEmbedder())
                search.passagesPerDocument = 3  // the three chunks are in one document
                #expect(try await search.search("zebra", k: 3).map(\.content) == ["beta zebra", "alpha notes", "gamma zebra"])
                #expect(try await search.search("zebra", k: 3, mode: .dense).map(\.content) == ["alpha notes", "beta zebra", "gamma zebra"])
                let text = try await search.search("zebra", k: 3, mode: .fullText).map(\.content)
                #expect(Set(text) == ["beta zebra", "gamma zebra"], "full text alone finds only the matches")
            }
        }
    }

    /// Three passages of one document are all nearer the query than another document's one:
    /// the results still name both documents, each with its best passage, in every mode.
    @Test func eachDocumentContributesItsBestPassagesOnly() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await client.execute("INSERT INTO kb_settings (embed_model, dimension) VALUES ('fixed-3', 3)")
                try await client.execute(
                    """
                    INSERT INTO kb_documents (source, title, format, content_hash, chunk_count, embed_model) VALUES
                      ('long.md', 'Long', 'markdown', 'x', 3, 'fixed-3'), ('short.md', 'Short', 'markdown', 'y', 1, 'fixed-3')
                    """)
                try await client.execute(
                    """
                    INSERT INTO kb_chunks (document_id, ordinal, content, token_count, embedding) VALUES
                      ((SELECT id FROM kb_documents WHERE source = 'long.md'), 1, 'zebra one', 2, '[0.1,0.995,0]'),
                      ((SELECT id FROM kb_documents WHERE source = 'long.md'), 2, 'zebra two', 2, '[0.2,0.98,0]'),
                      ((SELECT id FROM kb_documents WHERE source = 'long.md'), 3, 'zebra three', 2, '[0.3,0.954,0]'),
                      ((SELECT id FROM kb_documents WHERE source = 'short.md'), 1, 'zebra four', 2, '[0.6,0.8,0]')
                    """)
                try await client.execute("SELECT kb_refresh_terms()")
                var search = KnowledgeSearch(database: client, embedder: FixedEmbedder())
                for mode in SearchMode.allCases {
                    let found = try await search.search("zebra", k: 3, mode: mode)
                    #expect(found.map(\.source) == ["long.md", "short.md"], "\(mode)")
                    if mode != .fullText { #expect(found.first?.content == "zebra one", "\(mode)") }
                }
                search.passagesPerDocument = 2
                #expect(try await search.search("zebra", k: 3, mode: .dense).map(\.content) == ["zebra one", "zebra two", "zebra four"])
            }
        }
    }

    @Test func anotherEmbeddersVectorsAreReportedNotFailed() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await makeKnowledgeBase(client)
                // Same dimension, another model: the search finds rows, then refuses them.
                let other = KnowledgeSearch(database: client, embedder: FixedEmbedder(modelName: "other-3"))
                await #expect(throws: KnowledgeError.self) { try await other.search("zebra") }
                // Another dimension: the statement's vector cast fails; the error still says why.
                let wide = KnowledgeSearch(database: client, embedder: FixedEmbedder(modelName: "fixed-3", dimension: 4))
                do {
                    _ = try await wide.search("zebra")
                    Issue.record("expected the embedder mismatch")
                } catch let error as KnowledgeError {
                    #expect(error.message.contains("fte kb reindex"))
                }
            }
        }
    }
}

/// Storing a document of thousands of chunks (a file near `FTE_KB_MAX_FILE_BYTES`).
@Suite(.timeLimit(.minutes(4))) struct KnowledgeStoreLargeDocumentTests {
    /// 384 pseudo-random numbers per text, as varied as real embeddings are for the HNSW index.
    struct ScatteredEmbedder: Embedder {
        var modelName = "scattered-384"
        var dimension = 384
        func embed(_ texts: [String]) async throws -> [[Float]] {
            texts.map { text in
                var state = UInt64(truncatingIfNeeded: text.hashValue) | 1
                return (0..<dimension).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Float(Int64(bitPattern: state >> 11) % 2_000) / 1_000 - 1
                }
            }
        }
    }

    @Test func aDocumentOfThousandsOfChunksIsStoredWithinTheStatementTimeout() async throws {
        try await withTestDatabase { db in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-kb-many-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let paragraphs = (1...8_000).map { "Paragraph \($0) explains one more setting of the board in a few words." }
            try Data(paragraphs.joined(separator: "\n\n").utf8).write(to: folder.appendingPathComponent("manual.txt"))
            // Inserting 8,000 vectors into the HNSW index in one statement takes 7–25 s here, a few
            // hundred well under a second: a 5 s timeout fails the first and passes the second.
            let client = Database(configuration: try DatabaseConfiguration(url: db.url, maxConnections: 2, statementTimeout: .seconds(5)))
            let chunker = Chunker(maxTokens: 16, overlapTokens: 0) { $0.split(separator: " ").count }
            do {
                let summary = try await KnowledgeIngestor(database: client, embedder: ScatteredEmbedder(), chunker: chunker)
                    .ingest([folder.path])
                #expect(summary.added == ["manual.txt"], "\(summary.failed)")
                #expect(summary.chunksEmbedded >= 8_000)
                let stored = try await client.query(
                    "SELECT count(*)::int AS n, min(ordinal) AS first, max(ordinal) AS last FROM kb_chunks").first!
                #expect(try stored.decode("n", as: Int.self) == summary.chunksEmbedded)
                #expect(try stored.decode("first", as: Int.self) == 0)
                #expect(try stored.decode("last", as: Int.self) == summary.chunksEmbedded - 1)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }
}
