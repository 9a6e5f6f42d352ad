import Foundation

/// Questions the knowledge base could not answer in a period, grouped: a section of
/// `fte report` and the list `fte kb candidates gaps` gives content owners.
public struct KnowledgeGapReport: Sendable, Codable, Equatable {
    /// Questions (inbound messages) found.
    public var questions: Int
    /// The largest groups, largest first.
    public var groups: [QuestionGroup]
    /// How many groups there were in all.
    public var groupCount: Int
    /// How the questions were grouped, e.g. `similar embeddings (all-MiniLM-L6-v2, average cosine ≥ 0.5)`.
    public var grouping: String

    public init(questions: Int, groups: [QuestionGroup], groupCount: Int, grouping: String) {
        self.questions = questions
        self.groups = groups
        self.groupCount = groupCount
        self.grouping = grouping
    }

    /// An empty section.
    public static let none = KnowledgeGapReport(questions: 0, groups: [], groupCount: 0, grouping: "not computed")

    /// The gaps as JSON, written as in `fte report --format json` (snake_case keys, ISO 8601 dates).
    public func json() throws -> Data {
        try SupportReport.jsonEncoder().encode(self)
    }
}

/// Finds the knowledge gaps of a period and groups them (docs/report.md, "Knowledge gaps"):
/// inbound messages whose ticket was escalated because the knowledge base had no answer
/// (`no_relevant_knowledge`, or `agent_unavailable`: the built-in responder found no confident
/// passage), or whose reply searched the knowledge base and used no passage.
public struct KnowledgeGapFinder: Sendable {
    /// Escalation reasons that mean the knowledge base had no answer.
    public static let gapReasons = [EscalationReason.noRelevantKnowledge.rawValue, EscalationReason.agentUnavailable.rawValue]

    let database: Database
    /// Groups the questions by topic (``QuestionTopics``); `nil` groups identical texts only.
    let topics: QuestionTopics?
    /// Groups a report lists.
    public var maxGroups: Int
    /// Reports embedding progress: (done, to do).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(database: Database, topics: QuestionTopics?, maxGroups: Int = 10) {
        self.database = database
        self.topics = topics
        self.maxGroups = maxGroups
    }

    /// The period's gaps, grouped.
    /// - Parameter unansweredOnly: leave out questions a person has answered since (a human
    ///   reply on the ticket, or a resolution by a person).
    public func report(_ period: ReportPeriod, unansweredOnly: Bool = false) async throws -> KnowledgeGapReport {
        let questions = try await gapQuestions(period, unansweredOnly: unansweredOnly)
        let grouped = try await group(questions)
        return KnowledgeGapReport(
            questions: questions.count, groups: grouped.prefix(maxGroups).map { describe($0, questions) }, groupCount: grouped.count,
            grouping: grouping)
    }

    /// The gaps nobody has filled yet, for `fte kb candidates gaps`: questions whose tickets no
    /// person answered, in groups that no passage of the knowledge base now answers (at least
    /// `answeredSimilarity` similar to the group's centre: documents added since, approved
    /// candidates included). Without an embedder only the first condition applies.
    public func unanswered(_ period: ReportPeriod, answeredSimilarity: Double) async throws -> KnowledgeGapReport {
        let questions = try await gapQuestions(period, unansweredOnly: true)
        var grouped = try await group(questions)
        if let topics, !grouped.isEmpty {
            let centres = try await topics.vectors.vectors(for: grouped.map { questions[$0.centre] })
            let coverage = try await KnowledgeCoverage(
                database: database, modelName: topics.vectors.modelName, dimension: topics.vectors.dimension
            ).bestSimilarity(centres)
            grouped = zip(grouped, coverage).filter { ($0.1 ?? -1) < answeredSimilarity }.map(\.0)
        }
        return KnowledgeGapReport(
            questions: grouped.reduce(0) { $0 + $1.count }, groups: Array(grouped.prefix(maxGroups).map { describe($0, questions) }),
            groupCount: grouped.count, grouping: grouping)
    }

    /// How ``group(_:)`` groups.
    public var grouping: String {
        guard let topics else { return "identical text (no embedder configured)" }
        return "similar embeddings (\(topics.vectors.modelName), average cosine ≥ \(ReportFormat.trimmed(topics.similarity, 2)))"
    }

    /// Groups `questions` by topic (by identical text without an embedder), largest first.
    func group(_ questions: [Question]) async throws -> [QuestionTopics.Group] {
        if let topics { return try await topics.group(questions, progress: progress) }
        var positionsOfText: [String: Int] = [:]
        var groups: [QuestionTopics.Group] = []
        for (position, question) in questions.enumerated() {
            if let known = positionsOfText[question.text] {
                groups[known].texts[0].append(position)
            } else {
                positionsOfText[question.text] = groups.count
                groups.append(QuestionTopics.Group(texts: [[position]]))
            }
        }
        return groups.enumerated().sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            .map(\.element)
    }

    /// A group as the report shows it: its most typical wording, up to five others, its tickets
    /// and channels, and when it was first and last asked.
    func describe(_ group: QuestionTopics.Group, _ questions: [Question]) -> QuestionGroup {
        let asked = group.texts.flatMap { $0 }.map { questions[$0] }
        var tickets: [UUID] = []
        var seen: Set<UUID> = []
        for ticket in asked.compactMap(\.ticketID) where seen.insert(ticket).inserted { tickets.append(ticket) }
        return QuestionGroup(
            count: asked.count, example: questions[group.centre].text,
            variants: group.texts.dropFirst().prefix(5).map { questions[$0[0]].text }, ticketIDs: tickets,
            channels: Channel.allCases.filter { channel in asked.contains { $0.channel == channel } },
            firstAsked: asked.map(\.askedAt).min()!, lastAsked: asked.map(\.askedAt).max()!)
    }

    /// The period's gap questions, oldest first, cleaned (``QuestionTexts``).
    func gapQuestions(_ period: ReportPeriod, unansweredOnly: Bool) async throws -> [Question] {
        let unanswered: SQLQuery = unansweredOnly
            ? """
             AND NOT EXISTS (SELECT 1 FROM messages h WHERE h.ticket_id = m.ticket_id AND h.answered_by = 'human')
             AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.ticket_id AND t.status = 'resolved'
                             AND t.resolved_by IS DISTINCT FROM 'agent')
            """ : ""
        // Two index-driven sets, not a probe per inbound message of the period: the messages of
        // tickets escalated for a gap reason, and those whose agent reply searched and found nothing.
        let rows = try await database.query(
            """
            WITH gaps AS (
                SELECT m.id
                FROM escalations e JOIN messages m ON m.ticket_id = e.ticket_id
                WHERE e.reason = ANY(\(Self.gapReasons)::text[]) AND m.direction = 'inbound'\(
                    fragment: period.conditions(time: "m.created_at"))
                UNION
                SELECT m.id
                FROM messages r JOIN messages m ON m.id = r.reply_to_message_id
                WHERE r.direction = 'outbound' AND r.created_at >= \(period.since) AND r.answered_by IN ('model', 'builtin')
                  AND r.sources = '[]'::jsonb AND r.tool_calls @> '[{"name": "search_knowledge_base"}]'::jsonb\(
                    fragment: period.conditions(time: "m.created_at"))
                  AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = m.ticket_id
                                  AND e.reason <> ALL(\(Self.gapReasons + [EscalationReason.deliveryFailed.rawValue])::text[]))
            )
            SELECT m.id, m.ticket_id, m.channel, m.created_at, q.text AS question,
                   CASE WHEN q.text IS NULL THEN m.content END AS content,
                   CASE WHEN q.text IS NULL THEN m.metadata->>'subject' END AS subject,
                   (SELECT cu.name FROM conversations c JOIN customers cu ON cu.id = c.customer_id
                    WHERE q.text IS NULL AND c.id = m.conversation_id) AS customer_name
            FROM gaps g
            JOIN messages m ON m.id = g.id
            LEFT JOIN question_texts q ON q.message_id = m.id AND q.cleaner = \(QuestionText.version)
            WHERE m.direction = 'inbound' AND EXISTS (SELECT 1 FROM messages r WHERE r.reply_to_message_id = m.id)\(
                fragment: period.conditions(time: "m.created_at", channel: "m.channel"))\(fragment: unanswered)
            ORDER BY m.created_at, m.id
            """)
        // Texts cleaned before (by the worker as it recorded them, or by an earlier report) are
        // read; the others are cleaned now and stored for the next report.
        var cleaned: [(messageID: UUID, text: String)] = []
        let questions: [Question] = try rows.compactMap { row in
            let id: UUID = try row.decode("id")
            var text = try row.decode("question", as: String?.self)
            if text == nil {
                let names = (try row.decode("customer_name", as: String?.self)).map { [$0] } ?? []
                text = Question.text(
                    content: try row.decode("content"), subject: try row.decode("subject", as: String?.self), knownNames: names)
                cleaned.append((id, text!))
            }
            guard let text, !text.isEmpty else { return nil }
            return Question(
                messageID: id, ticketID: try row.decode("ticket_id", as: UUID?.self),
                channel: try SupportReportBuilder.channel(row), text: text, askedAt: try row.decode("created_at"))
        }
        try await QuestionTexts(database: database).store(cleaned)
        return questions
    }
}
