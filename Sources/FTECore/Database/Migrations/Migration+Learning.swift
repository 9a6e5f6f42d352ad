extension Migration {
    /// The knowledge base's learning loop (`fte kb candidates`): entries drafted from tickets a
    /// person resolved, each waiting for a content owner's decision, with every state change and
    /// who made it, and which tickets each one came from (a ticket feeds one candidate, once).
    static let learning = Migration(
        version: 20, name: "learning",
        sql: """
            CREATE TABLE kb_candidates (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
                title text NOT NULL CHECK (title <> ''),
                category text NOT NULL CHECK (category <> ''),
                question text NOT NULL CHECK (question <> ''),
                answer text NOT NULL CHECK (answer <> ''),
                -- extractive (the customer's question and the person's answer, cleaned) or model (rewritten).
                drafted_by text NOT NULL CHECK (drafted_by IN ('extractive', 'model')),
                -- The question's embedding: near-duplicate questions merge into this candidate, and a
                -- rejected one keeps them from being proposed again.
                embed_model text NOT NULL,
                embedding vector NOT NULL,
                -- Where approval wrote the document (relative to the knowledge-base folder).
                document_source text,
                rejection_reason text,
                decided_by text,
                decided_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT kb_candidates_decision CHECK ((status = 'pending') = (decided_at IS NULL)),
                CONSTRAINT kb_candidates_rejection CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
            );
            CREATE INDEX kb_candidates_status_idx ON kb_candidates (status, id);

            CREATE TABLE kb_candidate_tickets (
                ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
                candidate_id bigint NOT NULL REFERENCES kb_candidates (id) ON DELETE CASCADE,
                added_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX kb_candidate_tickets_candidate_idx ON kb_candidate_tickets (candidate_id);

            CREATE TABLE kb_candidate_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                candidate_id bigint NOT NULL REFERENCES kb_candidates (id) ON DELETE CASCADE,
                kind text NOT NULL CHECK (kind IN ('suggested', 'merged', 'edited', 'approved', 'rejected')),
                actor text NOT NULL CHECK (actor <> ''),
                note text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX kb_candidate_events_candidate_idx ON kb_candidate_events (candidate_id, id);
            """)
}
