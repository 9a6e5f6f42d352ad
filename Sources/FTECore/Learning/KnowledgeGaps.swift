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
    /// Embeds the questions; `nil` groups identical texts only.
    let vectors: QuestionVectors?
    public var grouper: QuestionGrouper
    /// Groups a report lists.
    public var maxGroups: Int
    /// Reports embedding progress: (done, to do).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(database: Database, vectors: QuestionVectors?, grouper: QuestionGrouper = QuestionGrouper(), maxGroups: Int = 10) {
        self.database = database
        self.vectors = vectors
        self.grouper = grouper
        self.maxGroups = maxGroups
    }

    /// The period's gaps, grouped.
    /// - Parameter unansweredOnly: leave out questions a person has answered since (a human
    ///   reply on the ticket, or a resolution by a person).
    public func report(_ period: ReportPeriod, unansweredOnly: Bool = false) async throws -> KnowledgeGapReport {
        let questions = try await gapQuestions(period, unansweredOnly: unansweredOnly)
        let grouped = try await group(questions)
        return KnowledgeGapReport(
            questions: questions.count, groups: Array(grouped.map(\.group).prefix(maxGroups)), groupCount: grouped.count,
            grouping: grouping)
    }

    /// The gaps nobody has filled yet, for `fte kb candidates gaps`: questions whose tickets no
    /// person answered, in groups that no passage of the knowledge base now answers (at least
    /// `answeredSimilarity` similar to the group's centre: documents added since, approved
    /// candidates included). Without an embedder only the first condition applies.
    public func unanswered(_ period: ReportPeriod, answeredSimilarity: Double) async throws -> KnowledgeGapReport {
        let questions = try await gapQuestions(period, unansweredOnly: true)
        var grouped = try await group(questions)
        if let vectors, !grouped.isEmpty {
            let coverage = try await KnowledgeCoverage(database: database, modelName: vectors.modelName, dimension: vectors.dimension)
                .bestSimilarity(grouped.map { $0.centre ?? [] })
            grouped = zip(grouped, coverage).filter { ($0.1 ?? -1) < answeredSimilarity }.map(\.0)
        }
        return KnowledgeGapReport(
            questions: grouped.reduce(0) { $0 + $1.group.count }, groups: Array(grouped.map(\.group).prefix(maxGroups)),
            groupCount: grouped.count, grouping: grouping)
    }

    /// How ``group(_:)`` groups.
    public var grouping: String {
        guard let vectors else { return "identical text (no embedder configured)" }
        return "similar embeddings (\(vectors.modelName), average cosine ≥ \(ReportFormat.trimmed(grouper.similarity, 2)))"
    }

    /// Groups `questions` (largest first) with each group's centre vector (`nil` without an embedder).
    public func group(_ questions: [Question]) async throws -> [(group: QuestionGroup, centre: [Float]?)] {
        guard !questions.isEmpty else { return [] }
        // One entry per distinct text; its weight is how often it was asked.
        var textIndex: [String: Int] = [:]
        var texts: [String] = []
        var askers: [[Int]] = []
        for (index, question) in questions.enumerated() {
            if let known = textIndex[question.text] {
                askers[known].append(index)
            } else {
                textIndex[question.text] = texts.count
                texts.append(question.text)
                askers.append([index])
            }
        }
        var vectorByText: [[Float]]?
        var groups: [QuestionGrouper.Group]
        if let vectors {
            let all = try await vectors.vectors(for: questions, progress: progress)
            let perText = askers.map { all[$0[0]] }
            vectorByText = perText
            groups = grouper.group(perText, weights: askers.map(\.count))
        } else {
            groups = texts.indices.map { QuestionGrouper.Group(members: [$0], weight: askers[$0].count) }
                .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.centre < $1.centre }
        }
        return groups.map { group in
            let asked = group.members.flatMap { askers[$0] }.map { questions[$0] }
            var tickets: [UUID] = []
            for ticket in asked.compactMap(\.ticketID) where !tickets.contains(ticket) { tickets.append(ticket) }
            let result = QuestionGroup(
                count: asked.count, example: texts[group.centre],
                variants: Array(group.members.dropFirst().prefix(5).map { texts[$0] }), ticketIDs: tickets,
                channels: Channel.allCases.filter { channel in asked.contains { $0.channel == channel } },
                firstAsked: asked.map(\.askedAt).min()!, lastAsked: asked.map(\.askedAt).max()!)
            return (result, vectorByText?[group.centre])
        }
    }

    /// The period's gap questions, oldest first, cleaned.
    func gapQuestions(_ period: ReportPeriod, unansweredOnly: Bool) async throws -> [Question] {
        let unanswered: SQLQuery = unansweredOnly
            ? """
             AND NOT EXISTS (SELECT 1 FROM messages h WHERE h.ticket_id = m.ticket_id AND h.answered_by = 'human')
             AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.ticket_id AND t.status = 'resolved'
                             AND t.resolved_by IS DISTINCT FROM 'agent')
            """ : ""
        let rows = try await database.query(
            """
            SELECT m.id, m.ticket_id, m.channel, m.content, m.metadata->>'subject' AS subject, m.created_at,
                   cu.name AS customer_name
            FROM messages m
            JOIN messages r ON r.reply_to_message_id = m.id
            JOIN conversations c ON c.id = m.conversation_id
            JOIN customers cu ON cu.id = c.customer_id
            WHERE m.direction = 'inbound'\(fragment: period.conditions(time: "m.created_at", channel: "m.channel"))
              AND (EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = m.ticket_id AND e.reason = ANY(\(Self.gapReasons)::text[]))
                   OR (r.answered_by IN ('model', 'builtin') AND r.sources = '[]'::jsonb
                       AND r.tool_calls @> '[{"name": "search_knowledge_base"}]'::jsonb
                       AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = m.ticket_id
                                       AND e.reason <> ALL(\(Self.gapReasons + [EscalationReason.deliveryFailed.rawValue])::text[]))))\(
                fragment: unanswered)
            ORDER BY m.created_at, m.id
            """)
        return try rows.compactMap { row in
            let names = (try row.decode("customer_name", as: String?.self)).map { [$0] } ?? []
            let text = Question.text(
                content: try row.decode("content"), subject: try row.decode("subject", as: String?.self), knownNames: names)
            guard !text.isEmpty else { return nil }
            return Question(
                messageID: try row.decode("id"), ticketID: try row.decode("ticket_id", as: UUID?.self),
                channel: try SupportReportBuilder.channel(row), text: text, askedAt: try row.decode("created_at"))
        }
    }
}
