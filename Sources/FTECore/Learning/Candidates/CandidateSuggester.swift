import Foundation

/// `fte kb candidates suggest`: drafts knowledge-base candidates from tickets a person resolved.
///
/// 1. Reads the tickets resolved by a person since a date that no candidate holds yet (leaving
///    out those escalated as pricing, refund or legal matters: their answers are decided per
///    customer and must not become articles), with the customer's opening message and the
///    person's last reply (else the resolution note).
/// 2. Cleans both (``QuestionText``; the customer's name is masked too).
/// 3. Groups near-duplicate questions by topic (``QuestionTopics``: questions the worker
///    already assigned are counted as they are; the others are embedded, unless their vector is
///    stored, and assigned); per group, from its most typical question:
///    - a knowledge-base passage at least ``answeredSimilarity`` similar answers it already: skipped;
///    - a rejected candidate as similar: skipped (rejected questions are not proposed again);
///    - a pending candidate as similar: the group's tickets join it (`merged`);
///    - else a new candidate from the group's centre question and its answer.
///
/// Everything is written in one transaction per 500 candidates, each with a `suggested` or
/// `merged` event naming the actor.
public struct CandidateSuggester: Sendable {
    /// Escalation reasons whose tickets are never learnt from.
    public static let excludedReasons = [
        EscalationReason.pricingInquiry.rawValue, EscalationReason.refundRequest.rawValue, EscalationReason.legalMatter.rawValue,
    ]
    /// Fewest words a cleaned answer needs to be worth an article.
    public static let minimumAnswerWords = 3

    let database: Database
    let topics: QuestionTopics
    let drafter: CandidateDrafter
    /// A passage at least this similar (cosine) to a question answers it.
    public var answeredSimilarity: Double
    /// Reports embedding progress: (done, to do).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(
        database: Database, topics: QuestionTopics, drafter: CandidateDrafter = CandidateDrafter(),
        answeredSimilarity: Double = BuiltinResponder.defaultMinimumSimilarity
    ) {
        self.database = database
        self.topics = topics
        self.drafter = drafter
        self.answeredSimilarity = answeredSimilarity
    }

    /// What a run did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Resolved tickets read (not yet learnt from).
        public var tickets = 0
        /// Of those, tickets whose answer was too short or empty once cleaned.
        public var withoutAnswer = 0
        /// Distinct question groups.
        public var groups = 0
        /// New candidates, by id.
        public var proposed: [Int64] = []
        /// Pending candidates that gained tickets, by id.
        public var merged: [Int64] = []
        /// Groups the knowledge base already answers.
        public var alreadyAnswered = 0
        /// Groups like a rejected (or approved) candidate.
        public var alreadyDecided = 0
        public var seconds = 0.0

        enum CodingKeys: String, CodingKey {
            case tickets, groups, proposed, merged, seconds
            case withoutAnswer = "without_answer", alreadyAnswered = "already_answered", alreadyDecided = "already_decided"
        }
    }

    /// One resolved ticket's question and answer, cleaned.
    struct Resolved {
        var question: Question
        var answer: String
        var category: String
    }

    /// Drafts candidates from the tickets resolved at or after `since`.
    public func suggest(since: Date, actor: String) async throws -> Summary {
        let started = ContinuousClock.now
        var summary = Summary()
        let all = try await resolvedTickets(since: since)
        summary.tickets = all.count
        let resolved = all.filter { $0.answer.split(whereSeparator: \.isWhitespace).count >= Self.minimumAnswerWords }
        summary.withoutAnswer = all.count - resolved.count
        guard !resolved.isEmpty else {
            summary.seconds = Self.seconds(since: started)
            return summary
        }
        let groups = try await topics.group(resolved.map(\.question), progress: progress)
        summary.groups = groups.count
        let vectors = topics.vectors
        let centres = try await vectors.vectors(for: groups.map { resolved[$0.centre].question })
        let coverage = try await KnowledgeCoverage(database: database, modelName: vectors.modelName, dimension: vectors.dimension)
            .bestSimilarity(centres)
        let existing = try await existingCandidates()

        var newCandidates: [NewCandidate] = []
        var merges: [(id: Int64, tickets: [UUID])] = []
        for (group, (centre, covered)) in zip(groups, zip(centres, coverage)) {
            let indices = group.texts.flatMap { $0 }
            let tickets = indices.compactMap { resolved[$0].question.ticketID }
            if let covered, covered >= answeredSimilarity {
                summary.alreadyAnswered += 1
                continue
            }
            // The most similar decided or pending candidate, if similar enough to be the same question.
            let nearest = existing.map { (candidate: $0, similarity: Self.dot($0.vector, centre)) }.max { $0.similarity < $1.similarity }
            if let match = nearest.flatMap({ $0.similarity >= topics.similarity ? $0.candidate : nil }) {
                if match.status == .pending {
                    merges.append((match.id, tickets))
                } else {
                    summary.alreadyDecided += 1
                }
                continue
            }
            // The centre's own wording and answer; the category most of its tickets have.
            let lead = resolved[group.centre]
            let (text, by) = await drafter.draft(question: lead.question.text, answer: lead.answer)
            var categories: [String: Int] = [:]
            for index in indices { categories[resolved[index].category, default: 0] += 1 }
            var draft = text
            draft.category = categories.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "general"
            newCandidates.append(NewCandidate(text: draft, by: by, vector: centre, tickets: tickets))
        }
        summary.proposed = try await insert(newCandidates, actor: actor)
        summary.merged = try await merge(merges, actor: actor)
        summary.seconds = Self.seconds(since: started)
        return summary
    }

    // MARK: - Reading

    func resolvedTickets(since: Date) async throws -> [Resolved] {
        let rows = try await database.query(
            """
            SELECT t.id AS ticket_id, t.category, t.resolution_notes, s.id AS message_id, s.channel, s.content,
                   s.metadata->>'subject' AS subject, s.created_at, cu.name AS customer_name,
                   (SELECT h.content FROM messages h WHERE h.ticket_id = t.id AND h.answered_by = 'human'
                    ORDER BY h.created_at DESC, h.id DESC LIMIT 1) AS human_answer
            FROM tickets t
            JOIN messages s ON s.id = t.source_message_id
            JOIN customers cu ON cu.id = t.customer_id
            WHERE t.status = 'resolved' AND t.resolved_by IS DISTINCT FROM 'agent' AND t.resolved_at >= \(since)
              AND NOT EXISTS (SELECT 1 FROM kb_candidate_tickets k WHERE k.ticket_id = t.id)
              AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = t.id AND e.reason = ANY(\(Self.excludedReasons)::text[]))
            ORDER BY t.resolved_at, t.id
            """)
        return try rows.compactMap { row in
            let names = (try row.decode("customer_name", as: String?.self)).map { [$0] } ?? []
            let question = Question.text(
                content: try row.decode("content"), subject: try row.decode("subject", as: String?.self), knownNames: names)
            guard !question.isEmpty else { return nil }
            let note = try row.decode("resolution_notes", as: String?.self)
            let raw = try row.decode("human_answer", as: String?.self) ?? note ?? ""
            return Resolved(
                question: Question(
                    messageID: try row.decode("message_id"), ticketID: try row.decode("ticket_id"),
                    channel: try SupportReportBuilder.channel(row), text: question, askedAt: try row.decode("created_at")),
                answer: QuestionText.clean(raw, knownNames: names), category: try row.decode("category"))
        }
    }

    /// Candidates of every status with vectors from this embedder.
    private func existingCandidates() async throws -> [(id: Int64, status: KnowledgeCandidate.Status, vector: [Float])] {
        let rows = try await database.query(
            "SELECT id, status, vector_send(embedding) AS embedding FROM kb_candidates WHERE embed_model = \(topics.vectors.modelName) ORDER BY id")
        return try rows.map { row in
            (try row.decode("id"), KnowledgeCandidate.Status(rawValue: try row.decode("status")) ?? .pending,
             QuestionVectors.normalised(try row.decode("embedding", as: PGVector.self).values))
        }
    }

    // MARK: - Writing

    struct NewCandidate {
        var text: CandidateText
        var by: KnowledgeCandidate.Draft
        var vector: [Float]
        var tickets: [UUID]
    }

    /// Inserts candidates with their tickets and `suggested` events, 500 per transaction.
    private func insert(_ candidates: [NewCandidate], actor: String) async throws -> [Int64] {
        var ids: [Int64] = []
        for start in stride(from: 0, to: candidates.count, by: 500) {
            let batch = Array(candidates[start..<min(start + 500, candidates.count)])
            let inserted: [Int64] = try await database.withTransaction { connection in
                // Ids first, so each row's tickets and event name it without relying on RETURNING's order.
                let ids: [Int64] = try await connection.query(
                    """
                    SELECT nextval(pg_get_serial_sequence('kb_candidates', 'id')) AS id FROM generate_series(1, \(batch.count))
                    """
                ).map { try $0.decode("id") }
                try await connection.execute(
                    """
                    INSERT INTO kb_candidates (id, title, category, question, answer, drafted_by, embed_model, embedding)
                    OVERRIDING SYSTEM VALUE
                    SELECT u.id, u.title, u.category, u.question, u.answer, u.drafted_by, \(topics.vectors.modelName), u.embedding::vector
                    FROM unnest(\(ids)::bigint[], \(batch.map(\.text.title))::text[], \(batch.map(\.text.category))::text[],
                                \(batch.map(\.text.question))::text[], \(batch.map(\.text.answer))::text[],
                                \(batch.map(\.by.rawValue))::text[], \(batch.map { PGVector($0.vector).postgresText })::text[])
                         AS u(id, title, category, question, answer, drafted_by, embedding)
                    """)
                try await attach(zip(ids, batch.map(\.tickets)).map { ($0, $1) }, kind: "suggested", actor: actor, in: connection)
                return ids
            }
            ids += inserted
        }
        return ids
    }

    /// Adds tickets to pending candidates, each with a `merged` event.
    private func merge(_ merges: [(id: Int64, tickets: [UUID])], actor: String) async throws -> [Int64] {
        guard !merges.isEmpty else { return [] }
        try await database.withTransaction { connection in
            try await attach(merges.map { ($0.id, $0.tickets) }, kind: "merged", actor: actor, in: connection)
            try await connection.execute(
                "UPDATE kb_candidates SET updated_at = now() WHERE id = ANY(\(merges.map(\.id))::bigint[]) AND status = 'pending'")
        }
        return Array(Set(merges.map(\.id))).sorted()
    }

    private func attach(_ pairs: [(Int64, [UUID])], kind: String, actor: String, in connection: DatabaseConnection) async throws {
        let flat = pairs.flatMap { id, tickets in tickets.map { (id, $0) } }
        try await connection.execute(
            """
            INSERT INTO kb_candidate_tickets (candidate_id, ticket_id)
            SELECT * FROM unnest(\(flat.map(\.0))::bigint[], \(flat.map(\.1))::uuid[])
            ON CONFLICT (ticket_id) DO NOTHING
            """)
        try await connection.execute(
            """
            INSERT INTO kb_candidate_events (candidate_id, kind, actor, note)
            SELECT * FROM unnest(\(pairs.map(\.0))::bigint[], \(Array(repeating: kind, count: pairs.count))::text[],
                                 \(Array(repeating: actor, count: pairs.count))::text[],
                                 \(pairs.map { "\($0.1.count) ticket\($0.1.count == 1 ? "" : "s")" })::text[])
            """)
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count else { return 0 }
        var sum: Float = 0
        for index in a.indices { sum += a[index] * b[index] }
        return Double(sum)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
