extension Migration {
    /// Chunk frequency of every lexeme, so full-text search can leave out words that occur in
    /// a large share of passages: ranking tens of thousands of matches for "board" or "account"
    /// costs more than all the rest of a search, and such words hardly change the ranking.
    static let knowledgeTerms = Migration(
        version: 4, name: "knowledge_terms",
        sql: """
            CREATE TABLE kb_terms (
                lexeme text PRIMARY KEY,
                chunks integer NOT NULL
            );
            ALTER TABLE kb_settings ADD COLUMN total_chunks integer NOT NULL DEFAULT 0;

            -- Recounts kb_terms and kb_settings.total_chunks from kb_chunks (after an ingest).
            CREATE FUNCTION kb_refresh_terms() RETURNS void LANGUAGE sql AS $$
                DELETE FROM kb_terms;
                INSERT INTO kb_terms (lexeme, chunks) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM kb_chunks');
                UPDATE kb_settings SET total_chunks = (SELECT count(*) FROM kb_chunks);
            $$;
            """)
}
