import Foundation

/// The topic of each customer question, kept in the database (migration 21) as questions are
/// recorded, so reports group topics instead of comparing every pair of questions.
///
/// A topic holds near-identical questions: a question joins the topic whose members it is on
/// average most similar to (the cosine of unit vectors: its inner product with the topic's
/// vector sum, over the topic's size, found by pgvector), when that average is at least
/// ``topicSimilarity`` (or ``similarity`` if higher); else it starts a topic of its own. A
/// report then groups the period's topics by average linkage at ``similarity``
/// (``QuestionGrouper`` over the topics' mean vectors, weighed by their questions in the
/// period: two means' dot product is the average similarity of their members), as it grouped
/// every question before, over hundreds of topics instead of thousands of questions.
///
/// The worker assigns the questions it escalates or answers without a passage as it answers
/// them (``record(_:)``); `fte report`, `fte kb candidates suggest` and `gaps` assign any others
/// the first time they meet them (questions recorded before), embedding only those whose vector
/// is not stored yet.
public struct QuestionTopics: Sendable {
    /// Default average cosine similarity at which groups of questions merge in a report
    /// (`FTE_QUESTION_GROUP_SIMILARITY`).
    public static let defaultSimilarity = 0.5
    /// The average cosine similarity a question needs to join a stored topic: wordings this
    /// close stay together at any report threshold up to it (a higher `--group-similarity` is a
    /// grouping of its own, assigned at that threshold when first asked for).
    public static let topicSimilarity = 0.75
    /// Distinct questions assigned per transaction: the grouping's lock is held for one batch.
    static let batchSize = 500

    let database: Database
    /// Reads stored question vectors and embeds the missing ones.
    public let vectors: QuestionVectors
    /// The average cosine similarity at which a report merges topics into one group.
    public let similarity: Double
    /// The average cosine similarity a question needs to join a stored topic.
    public var joinSimilarity: Double { max(Self.topicSimilarity, similarity) }

    public init(database: Database, vectors: QuestionVectors, similarity: Double = Self.defaultSimilarity) {
        self.database = database
        self.vectors = vectors
        self.similarity = similarity
    }

    /// Questions of one topic: each distinct text with the positions (in the list given to
    /// ``group(_:progress:)``) of the messages that asked it, the most typical text first
    /// (the one most similar on average to the topic's members), ties by first position.
    public struct Group: Sendable, Equatable {
        public var texts: [[Int]]
        /// The most typical question's position.
        public var centre: Int { texts[0][0] }
        /// Messages in the group.
        public var count: Int { texts.reduce(0) { $0 + $1.count } }
    }

    /// Groups `questions` by topic, assigning any not yet in this grouping; largest groups
    /// first (ties: the group asked first).
    /// - Parameter progress: called after each batch of embedded questions with (done, to do).
    public func group(_ questions: [Question], progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> [Group] {
        guard !questions.isEmpty else { return [] }
        let topicOf = try await topics(for: questions, progress: progress)
        let typical = try await typicality(of: questions.map(\.messageID))
        // The period's topics, each with its distinct texts' first positions.
        var itemOfTopic: [Int64: Int] = [:]
        var topicIDs: [Int64] = []
        var textsOfItem: [[Int]] = []
        var positionsOfText: [String: [Int]] = [:]
        for (position, question) in questions.enumerated() {
            if positionsOfText[question.text] != nil {
                positionsOfText[question.text]!.append(position)
                continue
            }
            positionsOfText[question.text] = [position]
            let topic = topicOf[question.messageID] ?? -Int64(position) - 1  // unassignable: alone
            if let item = itemOfTopic[topic] {
                textsOfItem[item].append(position)
            } else {
                itemOfTopic[topic] = topicIDs.count
                topicIDs.append(topic)
                textsOfItem.append([position])
            }
        }
        let weights = textsOfItem.map { $0.reduce(0) { $0 + positionsOfText[questions[$1].text]!.count } }
        let means = try await meanVectors(topicIDs)
        let dimension = means.values.first?.count ?? 0
        let items = topicIDs.map { means[$0] ?? [Float](repeating: 0, count: dimension) }
        let merged = dimension > 0
            ? QuestionGrouper(similarity: similarity).group(items, weights: weights)
            : topicIDs.indices.map { QuestionGrouper.Group(members: [$0], weight: weights[$0]) }
        // Within a group: its topics most typical first (the grouper's order), and in each
        // topic its texts most typical first, ties by first position.
        return merged.map { group in
            let texts = group.members.flatMap { item in
                textsOfItem[item].sorted { a, b in
                    let (x, y) = (typical[questions[a].messageID] ?? -1, typical[questions[b].messageID] ?? -1)
                    return x != y ? x > y : a < b
                }
            }
            return Group(texts: texts.map { positionsOfText[questions[$0].text]! })
        }
    }

    /// Stores one recorded question's cleaned text (``QuestionTexts``) and assigns it to its
    /// topic (storing its vector): what the worker calls for a question it escalated or
    /// answered without a passage.
    public func record(_ question: Question) async throws {
        try await QuestionTexts(database: database).store([(question.messageID, question.text)])
        _ = try await topics(for: [question])
    }

    /// The topic of each question, by message id; questions not yet in this grouping are
    /// assigned, oldest first, each distinct text once (its repeats join with it).
    func topics(for questions: [Question], progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> [UUID: Int64] {
        let grouping = try await groupingID()
        var topicOf = try await members(grouping, of: questions.map(\.messageID))
        let unassigned = questions.filter { topicOf[$0.messageID] == nil }
        guard !unassigned.isEmpty else { return topicOf }
        let unitVectors = try await vectors.vectors(for: unassigned, progress: progress)
        var byText: [String: (vector: [Float], messages: [UUID])] = [:]
        var order: [String] = []
        for (question, vector) in zip(unassigned, unitVectors) {
            if byText[question.text] == nil { order.append(question.text) }
            byText[question.text, default: (vector, [])].messages.append(question.messageID)
        }
        for start in stride(from: 0, to: order.count, by: Self.batchSize) {
            let batch = order[start..<min(start + Self.batchSize, order.count)].map { byText[$0]! }
            let assigned = try await assign(batch, grouping: grouping)
            topicOf.merge(assigned) { _, new in new }
        }
        return topicOf
    }

    /// Each message's average similarity to the members of its topic (how typical it is of it).
    func typicality(of messageIDs: [UUID]) async throws -> [UUID: Double] {
        let grouping = try await groupingID()
        var typical: [UUID: Double] = [:]
        for chunk in Self.chunks(messageIDs) {
            let rows = try await database.query(
                """
                SELECT m.message_id, (-(q.embedding <#> t.vector_sum) / t.questions)::float8 AS typicality
                FROM question_topic_members m
                JOIN question_topics t ON t.id = m.topic_id
                JOIN question_vectors q ON q.message_id = m.message_id AND q.embed_model = \(vectors.modelName)
                WHERE m.grouping_id = \(grouping) AND m.message_id = ANY(\(chunk)::uuid[])
                """)
            for row in rows { typical[try row.decode("message_id")] = try row.decode("typicality") }
        }
        return typical
    }

    /// Each stored topic's mean vector (its vector sum over its size).
    func meanVectors(_ topicIDs: [Int64]) async throws -> [Int64: [Float]] {
        let stored = topicIDs.filter { $0 > 0 }
        guard !stored.isEmpty else { return [:] }
        let rows = try await database.query(
            "SELECT id, questions, vector_send(vector_sum) AS vector_sum FROM question_topics WHERE id = ANY(\(stored)::bigint[])")
        var means: [Int64: [Float]] = [:]
        for row in rows {
            let size = Float(try row.decode("questions", as: Int.self))
            means[try row.decode("id")] = try row.decode("vector_sum", as: PGVector.self).values.map { $0 / size }
        }
        return means
    }

    // MARK: - Storage

    /// This embedder's and similarity's grouping, created on first use. A statement that lost
    /// the race to create it sees neither its own row nor the winner's: it asks again.
    func groupingID() async throws -> Int {
        for _ in 0..<3 {
            if let id = try await createOrReadGrouping() { return id }
        }
        throw DatabaseError(.decodingFailed, "the question grouping of \(vectors.modelName) at \(joinSimilarity) could not be read")
    }

    private func createOrReadGrouping() async throws -> Int? {
        let rows = try await database.query(
            """
            WITH created AS (
                INSERT INTO question_groupings (embed_model, similarity) VALUES (\(vectors.modelName), \(joinSimilarity)::real)
                ON CONFLICT (embed_model, similarity) DO NOTHING RETURNING id
            )
            SELECT id FROM created
            UNION ALL
            SELECT id FROM question_groupings WHERE embed_model = \(vectors.modelName) AND similarity = \(joinSimilarity)::real
            """)
        return try rows.first?.decode("id")
    }

    private func members(_ grouping: Int, of messageIDs: [UUID]) async throws -> [UUID: Int64] {
        var topicOf: [UUID: Int64] = [:]
        for chunk in Self.chunks(messageIDs) {
            let rows = try await database.query(
                """
                SELECT message_id, topic_id FROM question_topic_members
                WHERE grouping_id = \(grouping) AND message_id = ANY(\(chunk)::uuid[])
                """)
            for row in rows { topicOf[try row.decode("message_id")] = try row.decode("topic_id") }
        }
        return topicOf
    }

    /// Assigns distinct questions in order in one transaction holding the grouping's lock
    /// (concurrent workers assign one at a time); messages another process assigned meanwhile
    /// keep their topic.
    private func assign(_ batch: [(vector: [Float], messages: [UUID])], grouping: Int) async throws -> [UUID: Int64] {
        try await database.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockNamespace)::int4, \(grouping)::int4)")
            let taken = try await connection.query(
                """
                SELECT message_id, topic_id FROM question_topic_members
                WHERE grouping_id = \(grouping) AND message_id = ANY(\(batch.flatMap(\.messages))::uuid[])
                """)
            var topicOf: [UUID: Int64] = [:]
            for row in taken { topicOf[try row.decode("message_id")] = try row.decode("topic_id") }
            var newMembers: [(UUID, Int64)] = []
            for item in batch {
                let messages = item.messages.filter { topicOf[$0] == nil }
                guard !messages.isEmpty else { continue }
                let weight = Float(messages.count)
                let added = PGVector(item.vector.map { $0 * weight }).postgresText
                // Joins the nearest topic if similar enough on average, else starts one.
                let topic: Int64 = try await connection.query(
                    """
                    WITH nearest AS (
                        SELECT id, -(vector_sum <#> \(PGVector(item.vector).postgresText)::vector) / questions AS average
                        FROM question_topics WHERE grouping_id = \(grouping)
                        ORDER BY 2 DESC, id LIMIT 1
                    ), joined AS (
                        UPDATE question_topics t
                        SET questions = t.questions + \(messages.count), vector_sum = t.vector_sum + \(added)::vector, updated_at = now()
                        FROM nearest n WHERE t.id = n.id AND n.average >= \(joinSimilarity)
                        RETURNING t.id
                    ), started AS (
                        INSERT INTO question_topics (grouping_id, questions, vector_sum)
                        SELECT \(grouping), \(messages.count), \(added)::vector WHERE NOT EXISTS (SELECT 1 FROM joined)
                        RETURNING id
                    )
                    SELECT id FROM joined UNION ALL SELECT id FROM started
                    """)[0].decode("id")
                for message in messages {
                    topicOf[message] = topic
                    newMembers.append((message, topic))
                }
            }
            if !newMembers.isEmpty {
                try await connection.execute(
                    """
                    INSERT INTO question_topic_members (grouping_id, message_id, topic_id)
                    SELECT \(grouping), * FROM unnest(\(newMembers.map(\.0))::uuid[], \(newMembers.map(\.1))::bigint[])
                    """)
            }
            return topicOf
        }
    }

    /// The first key of the advisory lock that serialises assignments (the second: the grouping).
    static let lockNamespace = 21_001

    static func chunks(_ ids: [UUID]) -> [[UUID]] {
        stride(from: 0, to: ids.count, by: 5_000).map { Array(ids[$0..<min($0 + 5_000, ids.count)]) }
    }
}
