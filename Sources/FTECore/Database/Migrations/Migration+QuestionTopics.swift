extension Migration {
    /// Topic groups of customers' questions, kept as questions are recorded instead of built by
    /// every report (docs/report.md, "Knowledge gaps"): a grouping per embedder and similarity
    /// threshold; in it, topics with the sum of their members' unit vectors (a question's inner
    /// product with the sum, divided by the member count, is its average similarity to the
    /// members); and each question's topic. `fte report`, `fte kb candidates suggest` and `gaps`
    /// count questions per topic with a GROUP BY.
    static let questionTopics = Migration(
        version: 21, name: "question_topics",
        sql: """
            CREATE TABLE question_groupings (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                embed_model text NOT NULL CHECK (embed_model <> ''),
                similarity real NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (embed_model, similarity)
            );

            CREATE TABLE question_topics (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                grouping_id integer NOT NULL REFERENCES question_groupings (id) ON DELETE CASCADE,
                questions integer NOT NULL CHECK (questions > 0),
                vector_sum vector NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX question_topics_grouping_idx ON question_topics (grouping_id);

            CREATE TABLE question_topic_members (
                grouping_id integer NOT NULL REFERENCES question_groupings (id) ON DELETE CASCADE,
                message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                topic_id bigint NOT NULL REFERENCES question_topics (id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grouping_id, message_id)
            );
            CREATE INDEX question_topic_members_topic_idx ON question_topic_members (topic_id);
            """)
}
