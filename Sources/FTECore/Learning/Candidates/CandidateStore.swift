import Foundation

/// Reads and changes knowledge-base candidates; every change is one transaction that also
/// records who made it (`kb_candidate_events`).
public struct CandidateStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The columns of a ``KnowledgeCandidate`` (the tickets as a comma-separated list, oldest first).
    static let columns: SQLQuery = """
        c.id, c.status, c.title, c.category, c.question, c.answer, c.drafted_by, c.document_source, c.rejection_reason,
        c.decided_by, c.decided_at, c.created_at, c.updated_at,
        coalesce((SELECT string_agg(t.ticket_id::text, ',' ORDER BY t.added_at, t.ticket_id) FROM kb_candidate_tickets t
                  WHERE t.candidate_id = c.id), '') AS ticket_ids
        """

    /// Candidates, newest first; only those with `status` when given.
    public func list(status: KnowledgeCandidate.Status? = nil, limit: Int = 100) async throws -> [KnowledgeCandidate] {
        try await database.query(
            KnowledgeCandidate.self,
            """
            SELECT \(fragment: Self.columns) FROM kb_candidates c
            WHERE \(status?.rawValue)::text IS NULL OR c.status = \(status?.rawValue)
            ORDER BY c.id DESC LIMIT \(limit)
            """)
    }

    /// One candidate with its history.
    /// - Throws: ``LearningError`` `notFound`.
    public func show(_ id: Int64) async throws -> (candidate: KnowledgeCandidate, events: [CandidateEvent]) {
        guard let candidate = try await database.query(
            KnowledgeCandidate.self, "SELECT \(fragment: Self.columns) FROM kb_candidates c WHERE c.id = \(id)").first
        else { throw Self.notFound(id) }
        let events = try await database.query(
            CandidateEvent.self, "SELECT kind, actor, note, created_at FROM kb_candidate_events WHERE candidate_id = \(id) ORDER BY id")
        return (candidate, events)
    }

    /// Replaces a pending candidate's title, category, question and answer.
    /// - Throws: ``LearningError`` `invalidInput` (an empty field), `notFound`, `invalidTransition`
    ///   (already decided).
    public func edit(_ id: Int64, to text: CandidateText, actor: String) async throws -> KnowledgeCandidate {
        try text.validate()
        return try await change(id, allowedFrom: [.pending], actor: actor, kind: "edited", note: nil) { connection in
            try await connection.execute(
                """
                UPDATE kb_candidates SET title = \(text.title), category = \(text.category), question = \(text.question),
                       answer = \(text.answer), updated_at = now()
                WHERE id = \(id)
                """)
        }
    }

    /// Rejects a pending candidate; questions like it are not proposed again.
    /// - Throws: ``LearningError`` `invalidInput` (empty reason), `notFound`, `invalidTransition`.
    public func reject(_ id: Int64, reason: String, actor: String) async throws -> KnowledgeCandidate {
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else { throw LearningError(.invalidInput, "--reason must not be empty") }
        return try await change(id, allowedFrom: [.pending], actor: actor, kind: "rejected", note: reason) { connection in
            try await connection.execute(
                """
                UPDATE kb_candidates SET status = 'rejected', rejection_reason = \(reason), decided_by = \(actor),
                       decided_at = now(), updated_at = now()
                WHERE id = \(id)
                """)
        }
    }

    /// Marks a pending candidate approved, its document at `source` (relative to the knowledge
    /// base folder), running `beforeCommit` (which writes and ingests the document) inside the
    /// transaction: if it fails, the candidate stays pending.
    func approve(
        _ id: Int64, source: String, actor: String, beforeCommit: @Sendable (KnowledgeCandidate) async throws -> Void
    ) async throws -> KnowledgeCandidate {
        try await change(id, allowedFrom: [.pending], actor: actor, kind: "approved", note: source) { connection in
            try await connection.execute(
                """
                UPDATE kb_candidates SET status = 'approved', document_source = \(source), decided_by = \(actor),
                       decided_at = now(), updated_at = now()
                WHERE id = \(id)
                """)
            guard let candidate = try await connection.query(
                KnowledgeCandidate.self, "SELECT \(fragment: Self.columns) FROM kb_candidates c WHERE c.id = \(id)").first
            else { throw Self.notFound(id) }
            try await beforeCommit(candidate)
        }
    }

    /// Locks the candidate, checks its status, applies `changes`, records the event; one transaction.
    private func change(
        _ id: Int64, allowedFrom: Set<KnowledgeCandidate.Status>, actor: String, kind: String, note: String?,
        _ changes: @Sendable (DatabaseConnection) async throws -> Void
    ) async throws -> KnowledgeCandidate {
        let actor = actor.trimmingWhitespace()
        guard !actor.isEmpty else { throw LearningError(.invalidInput, "--by (or FTE_ACTOR) must name who acts") }
        return try await database.withTransaction { connection in
            guard let row = try await connection.query("SELECT status, decided_by FROM kb_candidates WHERE id = \(id) FOR UPDATE").first
            else { throw Self.notFound(id) }
            let status = KnowledgeCandidate.Status(rawValue: try row.decode("status")) ?? .pending
            guard allowedFrom.contains(status) else {
                let by = (try row.decode("decided_by", as: String?.self)).map { " by \($0)" } ?? ""
                throw LearningError(.invalidTransition, "candidate \(id) is already \(status.rawValue)\(by)")
            }
            try await changes(connection)
            try await connection.execute(
                "INSERT INTO kb_candidate_events (candidate_id, kind, actor, note) VALUES (\(id), \(kind), \(actor), \(note))")
            guard let candidate = try await connection.query(
                KnowledgeCandidate.self, "SELECT \(fragment: Self.columns) FROM kb_candidates c WHERE c.id = \(id)").first
            else { throw Self.notFound(id) }
            return candidate
        }
    }

    static func notFound(_ id: Int64) -> LearningError {
        LearningError(.notFound, "no candidate \(id): `fte kb candidates list` shows them")
    }
}

/// The parts of a candidate a content owner edits.
public struct CandidateText: Sendable, Equatable {
    public var title: String
    public var category: String
    public var question: String
    public var answer: String

    public init(title: String, category: String, question: String, answer: String) {
        self.title = title
        self.category = category
        self.question = question
        self.answer = answer
    }

    public init(_ candidate: KnowledgeCandidate) {
        self.init(title: candidate.title, category: candidate.category, question: candidate.question, answer: candidate.answer)
    }

    /// - Throws: ``LearningError`` `invalidInput` naming the first empty or malformed field.
    func validate() throws {
        for (name, value) in [("title", title), ("category", category), ("question", question), ("answer", answer)]
        where value.trimmingWhitespace().isEmpty {
            throw LearningError(.invalidInput, "the \(name) must not be empty")
        }
        guard title.count <= 200, !title.contains(where: \.isNewline) else {
            throw LearningError(.invalidInput, "the title must be one line of at most 200 characters")
        }
        guard category.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), category.count <= 60 else {
            throw LearningError(.invalidInput, "the category must be one word of letters, digits, - or _ (got \(category))")
        }
    }
}
