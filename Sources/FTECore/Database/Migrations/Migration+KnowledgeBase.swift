extension Migration {
    /// The knowledge base: documents, their chunks with embeddings (pgvector) and full text,
    /// and the embedder the vectors came from. The HNSW index is created by `fte kb` once the
    /// embedding dimension is known (it depends on the configured embedder).
    static let knowledgeBase = Migration(
        version: 3, name: "knowledge_base",
        sql: """
            CREATE TABLE kb_documents (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                -- Path relative to the folder given to `fte kb ingest` (or the file name).
                source text NOT NULL UNIQUE,
                title text NOT NULL,
                category text NOT NULL DEFAULT 'general',
                format text NOT NULL CHECK (format IN ('markdown', 'text', 'html', 'pdf', 'resolved_ticket')),
                content_hash text NOT NULL,
                chunk_count integer NOT NULL CHECK (chunk_count >= 0),
                embed_model text NOT NULL,
                ingested_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE kb_chunks (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                document_id uuid NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                heading_path text NOT NULL DEFAULT '',
                content text NOT NULL,
                token_count integer NOT NULL,
                embedding vector NOT NULL,
                search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', heading_path), 'A') || to_tsvector('english', content)) STORED,
                UNIQUE (document_id, ordinal)
            );
            CREATE INDEX kb_chunks_search_idx ON kb_chunks USING gin (search_vector);

            -- One row: which embedder produced every vector in kb_chunks.
            CREATE TABLE kb_settings (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                embed_model text NOT NULL,
                dimension integer NOT NULL CHECK (dimension > 0),
                updated_at timestamptz NOT NULL DEFAULT now()
            );

            -- What SPEC.md calls the knowledge base: one row per searchable passage.
            CREATE VIEW knowledge_base AS
                SELECT c.id, d.id AS document_id, d.title, d.source, d.category, c.heading_path,
                       c.content, c.embedding, d.embed_model, d.updated_at
                FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id;
            """)
}
