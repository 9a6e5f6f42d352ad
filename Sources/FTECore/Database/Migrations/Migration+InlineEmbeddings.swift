extension Migration {
    /// Keeps a chunk's embedding in its row. By default PostgreSQL moves values out of rows
    /// longer than 2 kB into the TOAST table, and a chunk (text, search vector and a 1.5 kB
    /// vector) is longer: an exact vector scan, which the planner prefers over the HNSW index
    /// for a few thousand chunks, then fetched every vector from there (a 2,700-chunk search
    /// took 20 ms instead of 9). Rows up to a page stay whole; larger ones (a 1,536-dimension
    /// embedder's) are still moved out. Applies to rows written from now on: `fte kb reindex`
    /// rewrites the existing ones.
    static let inlineEmbeddings = Migration(
        version: 9, name: "inline_embeddings",
        sql: """
            ALTER TABLE kb_chunks SET (toast_tuple_target = 8160);
            """)
}
