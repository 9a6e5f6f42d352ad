import Foundation

/// Computes a ``SupportReport`` in SQL over the CRM: one statement per section, each reading
/// only the period's rows (block-range indexes on the times, migration 19).
public struct SupportReportBuilder: Sendable {
    /// The default reopen window: 72 hours.
    public static let defaultReopenWindowHours = 72.0
    /// How many of the most negative tickets the report lists.
    public static let negativeTicketCount = 5

    let database: Database
    /// Finds and groups the questions the knowledge base could not answer; `nil` leaves the
    /// section empty.
    let gaps: KnowledgeGapFinder?

    public init(database: Database, gaps: KnowledgeGapFinder?) {
        self.database = database
        self.gaps = gaps
    }

    /// The report for `period`.
    /// - Parameter reopenWindowHours: how long after the agent's answer a new message from the
    ///   same customer reopens it.
    public func report(
        _ period: ReportPeriod, reopenWindowHours: Double = Self.defaultReopenWindowHours, now: Date = Date()
    ) async throws -> SupportReport {
        let bucket = period.length <= 3 * 86_400 ? 3600 : 86_400
        async let channels = ChannelFigures.readWithPrevious(period, from: database)
        async let volume = volume(period, bucketSeconds: bucket)
        async let customers = customers(period)
        async let outcomes = outcomes(period, reopenWindowHours: reopenWindowHours, now: now)
        async let reasons = escalationReasons(period)
        async let responses = responseTimes(period)
        async let negative = negativeTickets(period)
        async let models = modelUsage(period)
        let knowledgeGaps = try await gaps?.report(period) ?? .none
        return SupportReport(
            period: period, generatedAt: now, reopenWindowHours: reopenWindowHours, channels: try await channels.current,
            previousChannels: try await channels.previous, volume: try await volume, bucketSeconds: bucket,
            customers: try await customers, outcomes: try await outcomes, escalationReasons: try await reasons,
            responseTimes: try await responses, negativeTickets: try await negative, knowledgeGaps: knowledgeGaps,
            models: try await models)
    }

    // MARK: - Volume and customers

    func volume(_ period: ReportPeriod, bucketSeconds: Int) async throws -> [VolumeBucket] {
        let rows = try await database.query(
            """
            SELECT date_bin(make_interval(secs => \(bucketSeconds)), m.created_at, \(period.since)) AS starts_at,
                   m.channel, count(*)::int AS messages
            FROM messages m
            WHERE m.direction = 'inbound'\(fragment: period.conditions(time: "m.created_at", channel: "m.channel"))
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        return try rows.map { row in
            VolumeBucket(startsAt: try row.decode("starts_at"), channel: try Self.channel(row), messages: try row.decode("messages"))
        }
    }

    /// Customers who wrote in the period (on the period's channel), how many were new, and how
    /// many wrote on more than one channel in it (any channel).
    func customers(_ period: ReportPeriod) async throws -> CustomerCounts {
        let row = try await database.query(
            """
            WITH inbound AS (
                SELECT c.customer_id, m.channel
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.direction = 'inbound'\(fragment: period.conditions(time: "m.created_at"))
            ), active AS (
                SELECT customer_id, count(DISTINCT channel) AS channels FROM inbound
                GROUP BY customer_id
                HAVING \(period.channel?.rawValue)::text IS NULL OR bool_or(channel = \(period.channel?.rawValue))
            )
            SELECT count(*)::int AS active,
                   count(*) FILTER (WHERE cu.created_at >= \(period.since))::int AS new,
                   count(*) FILTER (WHERE a.channels > 1)::int AS multi_channel
            FROM active a JOIN customers cu ON cu.id = a.customer_id
            """)[0]
        return CustomerCounts(active: try row.decode("active"), new: try row.decode("new"), multiChannel: try row.decode("multi_channel"))
    }

    // MARK: - Outcomes

    /// The outcome of every ticket opened in the period (docs/report.md, "Outcomes"), counted
    /// per channel, from the tickets' facts (migration 31): one scan of the period's tickets. A
    /// reopen is the customer's next inbound message, on any channel, after the agent's first
    /// reply, within the window (messages stored up to now count).
    func outcomes(_ period: ReportPeriod, reopenWindowHours: Double, now: Date) async throws -> [TicketOutcomes] {
        let window = reopenWindowHours * 3600
        let rows = try await database.query(
            """
            WITH opened AS (
                SELECT t.source_channel AS channel, t.first_escalated_at IS NOT NULL AS escalated, t.agent_reply_at,
                       t.next_inbound_at <= t.agent_reply_at + make_interval(secs => \(window)) AS reopened,
                       CASE WHEN t.first_escalated_at IS NOT NULL AND t.status <> 'resolved' THEN 'escalated_waiting'
                            WHEN t.status = 'resolved' AND t.resolved_by IS DISTINCT FROM 'agent' THEN 'resolved_by_human'
                            WHEN t.agent_reply_at IS NOT NULL AND t.first_escalated_at IS NULL AND NOT t.human_replied
                                THEN 'answered_by_agent'
                            ELSE 'open' END AS outcome
                FROM tickets t
                WHERE true\(fragment: period.conditions(time: "t.created_at", channel: "t.source_channel"))
            )
            SELECT channel, count(*)::int AS tickets,
                   count(*) FILTER (WHERE outcome = 'answered_by_agent')::int AS answered_by_agent,
                   count(*) FILTER (WHERE outcome = 'escalated_waiting')::int AS escalated_waiting,
                   count(*) FILTER (WHERE outcome = 'resolved_by_human')::int AS resolved_by_human,
                   count(*) FILTER (WHERE outcome = 'open')::int AS open,
                   count(*) FILTER (WHERE escalated)::int AS escalated,
                   count(*) FILTER (WHERE outcome = 'answered_by_agent' AND reopened)::int AS reopened,
                   count(*) FILTER (WHERE outcome = 'answered_by_agent' AND reopened IS NOT TRUE)::int AS automated,
                   count(*) FILTER (WHERE outcome = 'answered_by_agent' AND reopened IS NOT TRUE
                                    AND agent_reply_at + make_interval(secs => \(window)) > \(now))::int AS within_window
            FROM opened
            GROUP BY channel
            """)
        var byChannel: [Channel: TicketOutcomes] = [:]
        for row in rows {
            let channel = try Self.channel(row)
            var outcome = TicketOutcomes(channel: channel)
            outcome.tickets = try row.decode("tickets")
            outcome.answeredByAgent = try row.decode("answered_by_agent")
            outcome.escalatedWaiting = try row.decode("escalated_waiting")
            outcome.resolvedByHuman = try row.decode("resolved_by_human")
            outcome.open = try row.decode("open")
            outcome.escalated = try row.decode("escalated")
            outcome.reopened = try row.decode("reopened")
            outcome.automated = try row.decode("automated")
            outcome.withinReopenWindow = try row.decode("within_window")
            byChannel[channel] = outcome
        }
        return Self.channels(period).map { byChannel[$0] ?? TicketOutcomes(channel: $0) }
    }

    /// Tickets opened in the period that were escalated, per reason, most frequent first.
    func escalationReasons(_ period: ReportPeriod) async throws -> [ReasonCount] {
        let rows = try await database.query(
            """
            SELECT e.reason, count(DISTINCT e.ticket_id)::int AS tickets
            FROM escalations e JOIN tickets t ON t.id = e.ticket_id
            WHERE true\(fragment: period.conditions(time: "t.created_at", channel: "t.source_channel"))
            GROUP BY e.reason ORDER BY tickets DESC, e.reason
            """)
        return try rows.map { ReasonCount(reason: try $0.decode("reason"), tickets: try $0.decode("tickets")) }
    }

    // MARK: - Response times

    /// Per channel, over the tickets opened in the period: opening message → first reply
    /// delivered (the provider accepted it; a web reply without e-mail is delivered when
    /// stored), in all, by the agent and by a person; first escalation → resolved by a person.
    /// From the tickets' facts (migration 31).
    func responseTimes(_ period: ReportPeriod) async throws -> [ResponseTimes] {
        let rows = try await database.query(
            """
            WITH firsts AS (
                SELECT t.source_channel AS channel,
                       extract(epoch FROM t.first_reply_delivered_at - t.opened_at) AS any_reply,
                       extract(epoch FROM t.agent_reply_delivered_at - t.opened_at) AS agent,
                       extract(epoch FROM t.human_reply_delivered_at - t.opened_at) AS human,
                       CASE WHEN t.status = 'resolved' AND t.resolved_by IS DISTINCT FROM 'agent' THEN
                           extract(epoch FROM t.resolved_at - t.first_escalated_at)
                       END AS handling
                FROM tickets t
                WHERE true\(fragment: period.conditions(time: "t.created_at", channel: "t.source_channel"))
            )
            SELECT channel,
                   count(any_reply)::int AS any_n,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY any_reply)::float8 AS any_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY any_reply)::float8 AS any_p90,
                   count(agent)::int AS agent_n,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY agent)::float8 AS agent_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY agent)::float8 AS agent_p90,
                   count(human)::int AS human_n,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY human)::float8 AS human_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY human)::float8 AS human_p90,
                   count(handling)::int AS handling_n,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY handling)::float8 AS handling_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY handling)::float8 AS handling_p90
            FROM firsts GROUP BY channel
            """)
        func summary(_ row: DatabaseRow, _ prefix: String) throws -> DurationSummary {
            DurationSummary(
                count: try row.decode("\(prefix)_n"), p50: try row.decode("\(prefix)_p50", as: Double?.self),
                p90: try row.decode("\(prefix)_p90", as: Double?.self))
        }
        var byChannel: [Channel: ResponseTimes] = [:]
        for row in rows {
            let channel = try Self.channel(row)
            byChannel[channel] = ResponseTimes(
                channel: channel, firstResponse: try summary(row, "any"), agent: try summary(row, "agent"),
                human: try summary(row, "human"), humanHandling: try summary(row, "handling"))
        }
        let none = DurationSummary(count: 0, p50: nil, p90: nil)
        return Self.channels(period).map {
            byChannel[$0] ?? ResponseTimes(channel: $0, firstResponse: none, agent: none, human: none, humanHandling: none)
        }
    }

    // MARK: - Sentiment and models

    /// The tickets of the period's lowest-scored inbound messages, one line each (personal data
    /// and the customer's name masked).
    func negativeTickets(_ period: ReportPeriod) async throws -> [NegativeTicket] {
        let rows = try await database.query(
            """
            SELECT m.ticket_id, m.channel, m.sentiment::float8 AS score, left(m.content, 600) AS content,
                   (SELECT cu.name FROM conversations c JOIN customers cu ON cu.id = c.customer_id
                    WHERE c.id = m.conversation_id) AS customer_name
            FROM messages m
            WHERE m.direction = 'inbound' AND m.sentiment IS NOT NULL AND m.ticket_id IS NOT NULL
              AND m.sentiment < \(SentimentBands.negative)\(fragment: period.conditions(time: "m.created_at", channel: "m.channel"))
            ORDER BY m.sentiment, m.created_at, m.id
            LIMIT \(Self.negativeTicketCount * 8)
            """)
        var seen: Set<UUID> = []
        var tickets: [NegativeTicket] = []
        for row in rows where tickets.count < Self.negativeTicketCount {
            let id: UUID = try row.decode("ticket_id")
            guard seen.insert(id).inserted else { continue }
            tickets.append(NegativeTicket(
                ticketID: id, channel: try Self.channel(row), score: try row.decode("score"),
                excerpt: QuestionText.excerpt(
                    try row.decode("content"), words: 14, knownNames: (try row.decode("customer_name", as: String?.self)).map { [$0] } ?? [])))
        }
        return tickets
    }

    /// Per model: replies, calls, tokens, one call's latency and the wait per reply.
    func modelUsage(_ period: ReportPeriod) async throws -> [ModelUsage] {
        let rows = try await database.query(
            """
            WITH replies AS (
                SELECT coalesce(m.model, '(failed)') AS model, m.tokens_used, m.model_latency_ms, m.model_call_ms
                FROM messages m
                WHERE m.direction = 'outbound' AND (m.model IS NOT NULL OR cardinality(m.model_call_ms) > 0)\(
                    fragment: period.conditions(time: "m.created_at", channel: "m.channel"))
            ), calls AS (
                SELECT r.model, unnest(r.model_call_ms) AS ms FROM replies r
            ), per_call AS (
                SELECT model, count(*)::int AS calls,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS call_p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS call_p95
                FROM calls GROUP BY model
            )
            SELECT r.model, count(*)::int AS replies, coalesce(sum(r.tokens_used), 0)::int AS tokens,
                   coalesce(max(c.calls), 0) AS calls, max(c.call_p50) AS call_p50, max(c.call_p95) AS call_p95,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY r.model_latency_ms)::float8 AS wait_p50,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY r.model_latency_ms)::float8 AS wait_p95
            FROM replies r LEFT JOIN per_call c ON c.model = r.model
            GROUP BY r.model ORDER BY replies DESC, r.model
            """)
        return try rows.map { row in
            ModelUsage(
                model: try row.decode("model"), replies: try row.decode("replies"), calls: try row.decode("calls"),
                tokens: try row.decode("tokens"), callP50: try row.decode("call_p50", as: Double?.self),
                callP95: try row.decode("call_p95", as: Double?.self), replyWaitP50: try row.decode("wait_p50", as: Double?.self),
                replyWaitP95: try row.decode("wait_p95", as: Double?.self))
        }
    }

    // MARK: - Pieces

    static func channel(_ row: DatabaseRow) throws -> Channel {
        let name: String = try row.decode("channel")
        guard let channel = Channel(rawValue: name) else { throw DatabaseError(.decodingFailed, "unknown channel \(name)") }
        return channel
    }

    /// The channels a period's per-channel sections list.
    static func channels(_ period: ReportPeriod) -> [Channel] {
        period.channel.map { [$0] } ?? Channel.allCases
    }
}
