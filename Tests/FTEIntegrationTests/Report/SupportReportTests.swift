import FTECore
import FTETestSupport
import Foundation
import Testing

/// `SupportReportBuilder` on the fixture day: every figure against a count worked out by hand
/// from ReportFixtureDay (the comments give the working).
@Suite(.timeLimit(.minutes(3))) struct SupportReportTests {
    private func fixtureReport(_ period: ReportPeriod = ReportFixtureDay.period) async throws -> SupportReport {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await ReportFixtureDay.insert(into: database)
                let gaps = KnowledgeGapFinder(database: database, topics: nil)
                return try await SupportReportBuilder(database: database, gaps: gaps)
                    .report(period, now: ReportFixtureDay.at(24 * 4))
            }
        }
    }

    @Test func volumeSentimentAndCustomersMatchTheHandCount() async throws {
        let report = try await fixtureReport()
        let byChannel = Dictionary(uniqueKeysWithValues: report.channels.map { ($0.channel, $0) })
        // E-mail: Ana's and Dora's conversations; two inbound messages scored 0.8 and 0.6.
        let email = try #require(byChannel[.email])
        #expect([email.conversations, email.messages, email.scored, email.positive, email.neutral, email.negative, email.escalations]
            as [Int] == [2, 2, 2, 2, 0, 0, 0])
        #expect(abs((email.averageSentiment ?? 0) - 0.7) < 1e-6)
        // WhatsApp: Ana's and Chen's; 0.2 (negative) and 0.5 (neutral); two escalations.
        let whatsapp = try #require(byChannel[.whatsapp])
        #expect([whatsapp.conversations, whatsapp.messages, whatsapp.scored, whatsapp.positive, whatsapp.neutral,
                 whatsapp.negative, whatsapp.escalations] as [Int] == [2, 2, 2, 0, 1, 1, 2])
        #expect(abs((whatsapp.averageSentiment ?? 0) - 0.35) < 1e-6)
        // Web form: Ben's one conversation, two messages, one without sentiment; two escalations of one ticket.
        let web = try #require(byChannel[.webForm])
        #expect([web.conversations, web.messages, web.scored, web.positive, web.neutral, web.negative, web.escalations]
            as [Int] == [1, 2, 1, 1, 0, 0, 2])
        #expect(abs((web.averageSentiment ?? 0) - 0.9) < 1e-6)
        // The day before: Dora's e-mail at 0.4 only.
        let previous = Dictionary(uniqueKeysWithValues: report.previousChannels.map { ($0.channel, $0) })
        #expect(previous[.email]?.messages == 1 && previous[.whatsapp]?.messages == 0)
        #expect(abs((previous[.email]?.averageSentiment ?? 0) - 0.4) < 1e-6)
        #expect(previous[.whatsapp]?.averageSentiment == nil)
        // All scored messages: (0.8 + 0.6 + 0.2 + 0.5 + 0.9) / 5 = 0.6, against 0.4.
        #expect(abs((report.averageSentiment.current ?? 0) - 0.6) < 1e-6)
        #expect(abs((report.averageSentiment.previous ?? 0) - 0.4) < 1e-6)

        // One inbound message an hour at 09, 15 (e-mail), 12, 20 (WhatsApp), 10, 16 (web form).
        #expect(report.bucketSeconds == 3600)
        let buckets = report.volume.map { "\($0.channel.rawValue)@\(Int($0.startsAt.timeIntervalSince(ReportFixtureDay.day) / 3600))=\($0.messages)" }
        #expect(Set(buckets) == ["email@9=1", "email@15=1", "whatsapp@12=1", "whatsapp@20=1", "web_form@10=1", "web_form@16=1"])

        // Ana (new, e-mail and WhatsApp), Ben (returning), Chen (new), Dora (returning).
        #expect(report.customers == CustomerCounts(active: 4, new: 2, multiChannel: 1))
        #expect(report.customers.returning == 2)

        // The one message below 0.475: Ana's WhatsApp message (0.2).
        #expect(report.negativeTickets.map(\.ticketID) == [ReportFixtureDay.resolvedByPerson])
        // The excerpt leaves the ticket (report e-mails): the customer's name is masked.
        #expect(report.negativeTickets.first?.excerpt.hasPrefix("This is terrible, [name] here:") == true)
    }

    @Test func outcomesAndTheAutomationRateMatchTheHandCount() async throws {
        let report = try await fixtureReport()
        let byChannel = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.channel!, $0) })
        func counts(_ o: TicketOutcomes?) -> [Int] {
            guard let o else { return [] }
            return [o.tickets, o.answeredByAgent, o.escalatedWaiting, o.resolvedByHuman, o.open, o.escalated, o.reopened, o.automated]
        }
        // E-mail: Ana's answered then reopened by her WhatsApp message at 20:00; Dora's open.
        #expect(counts(byChannel[.email]) == [2, 1, 0, 0, 1, 0, 1, 0])
        // WhatsApp: Ana's escalated and resolved by a person; Chen's escalated and waiting.
        #expect(counts(byChannel[.whatsapp]) == [2, 0, 1, 1, 0, 2, 0, 0])
        // Web form: Ben's password answered for good; his quote escalated twice, waiting.
        #expect(counts(byChannel[.webForm]) == [2, 1, 1, 0, 0, 1, 0, 1])
        let total = report.totalOutcomes
        #expect(counts(total) == [6, 2, 2, 1, 1, 3, 1, 1])
        #expect(total.automationRate == 1.0 / 6.0)
        #expect(total.reopenRate == 0.5)
        #expect(total.escalationRate == 0.5)
        #expect(total.withinReopenWindow == 0, "four days later every answer is past the 72 h window")
        // Each reason once; the quote ticket counts under both of its reasons.
        #expect(report.escalationReasons == [
            ReasonCount(reason: "delivery_failed", tickets: 1), ReasonCount(reason: "negative_sentiment", tickets: 1),
            ReasonCount(reason: "no_relevant_knowledge", tickets: 1), ReasonCount(reason: "pricing_inquiry", tickets: 1),
        ])
    }

    @Test func aShorterReopenWindowAndAnswersStillInsideIt() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await ReportFixtureDay.insert(into: database)
                let builder = SupportReportBuilder(database: database, gaps: nil)
                // Ana came back 11 h after the answer: a 10 h window no longer counts it as reopened.
                let short = try await builder.report(ReportFixtureDay.period, reopenWindowHours: 10, now: ReportFixtureDay.at(48))
                #expect(short.totalOutcomes.reopened == 0 && short.totalOutcomes.automated == 2)
                // At 20:00 the next day, Ben's answer (16:00:05) is 28 h old: still inside 72 h.
                let early = try await builder.report(ReportFixtureDay.period, now: ReportFixtureDay.at(44))
                #expect(early.totalOutcomes.withinReopenWindow == 1)
            }
        }
    }

    @Test func firstResponseHandlingAndModelUsageMatchTheHandCount() async throws {
        let report = try await fixtureReport()
        let byChannel = Dictionary(uniqueKeysWithValues: report.responseTimes.map { ($0.channel, $0) })
        // E-mail: Ana's answer accepted by Gmail 20 s after her message; Dora's has no reply.
        #expect(byChannel[.email]?.firstResponse == DurationSummary(count: 1, p50: 20, p90: 20))
        #expect(byChannel[.email]?.human.count == 0)
        // WhatsApp: Ana's notice after 4 s, Chen's after 25 s → p50 14.5, p90 4 + 0.9 × 21 = 22.9.
        let whatsapp = try #require(byChannel[.whatsapp])
        #expect(whatsapp.firstResponse.count == 2 && whatsapp.firstResponse.p50 == 14.5)
        #expect(abs((whatsapp.firstResponse.p90 ?? 0) - 22.9) < 1e-6)
        #expect(whatsapp.agent == whatsapp.firstResponse)
        // A person's reply sent at 22:00:30 to a message of 20:00; resolved 22:00, escalated 20:00:03.
        #expect(whatsapp.human == DurationSummary(count: 1, p50: 7230, p90: 7230))
        #expect(whatsapp.humanHandling == DurationSummary(count: 1, p50: 7197, p90: 7197))
        // Web form: Ben's password answer shown on the status page 5 s later; the quote notice never delivered.
        #expect(byChannel[.webForm]?.firstResponse == DurationSummary(count: 1, p50: 5, p90: 5))

        // gemini-test wrote two replies: calls of 300, 500 and 400 ms, 150 tokens, waits of 800 and 400 ms.
        let usage = try #require(report.models.first)
        #expect(report.models.count == 1)
        #expect([usage.replies, usage.calls, usage.tokens] as [Int] == [2, 3, 150])
        #expect(usage.callP50 == 400 && abs((usage.callP95 ?? 0) - 490) < 1e-6)
        #expect(usage.replyWaitP50 == 600 && abs((usage.replyWaitP95 ?? 0) - 780) < 1e-6)

        // Chen's question is the one knowledge gap.
        #expect(report.knowledgeGaps.questions == 1)
        #expect(report.knowledgeGaps.groups.map(\.example) == [ReportFixtureDay.gapQuestion])
        #expect(report.knowledgeGaps.groups.first?.ticketIDs == [ReportFixtureDay.knowledgeGap])
    }

    @Test func oneChannelOnly() async throws {
        var period = ReportFixtureDay.period
        period.channel = .whatsapp
        let report = try await fixtureReport(period)
        #expect(report.channels.map(\.channel) == [.whatsapp])
        #expect(report.outcomes.map(\.channel) == [.whatsapp])
        #expect(report.volume.allSatisfy { $0.channel == .whatsapp })
        // Ana and Chen wrote on WhatsApp; Ana also by e-mail.
        #expect(report.customers == CustomerCounts(active: 2, new: 2, multiChannel: 1))
        #expect(report.totalOutcomes.tickets == 2)
        #expect(report.escalationReasons.map(\.reason) == ["negative_sentiment", "no_relevant_knowledge"])
    }

    @Test func bothPeriodsReadInOneStatementEqualEachReadAlone() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await ReportFixtureDay.insert(into: database)
                // Dora writes again at 08:00 in yesterday's e-mail conversation: it has messages in both periods.
                try await database.execute(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id, delivery_status,
                                          sentiment, created_at)
                    VALUES (\(ReportFixtureDay.doraYesterday), 'email', 'inbound', 'customer', 'Still cannot log in', 'gm-8',
                            'received', 0.3, \(ReportFixtureDay.at(8)))
                    """)
                for channel in [nil, Channel.email] {
                    var period = ReportFixtureDay.period
                    period.channel = channel
                    let both = try await ChannelFigures.readWithPrevious(period, from: database)
                    #expect(both.current == (try await ChannelFigures.read(period, from: database)))
                    #expect(both.previous == (try await ChannelFigures.read(period.previous, from: database)))
                    #expect(both.current.map(\.channel) == (channel.map { [$0] } ?? Channel.allCases))
                    #expect(both.previous.map(\.channel) == both.current.map(\.channel))
                }
                // Yesterday's e-mail conversation counts in both periods: Ana's, Dora's two today, Dora's one before.
                let both = try await ChannelFigures.readWithPrevious(ReportFixtureDay.period, from: database)
                #expect(both.current.first { $0.channel == .email }.map { [$0.conversations, $0.messages] } == [3, 3])
                #expect(both.previous.first { $0.channel == .email }.map { [$0.conversations, $0.messages] } == [1, 1])
            }
        }
    }

    @Test func anEmptyDatabaseGivesAClearReport() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                let report = try await SupportReportBuilder(database: database, gaps: KnowledgeGapFinder(database: database, topics: nil))
                    .report(.last(hours: 24))
                #expect(report.isEmpty)
                #expect(report.channels.count == 3 && report.channels.allSatisfy { $0.messages == 0 && $0.averageSentiment == nil })
                #expect(report.totalOutcomes.automationRate == nil)
                let text = report.text()
                #expect(text.contains("No customer messages and no tickets in this period."))
                #expect(text.contains("Automation rate —"))
                #expect(report.html().contains("No customer messages and no tickets"))
                let decoded = try SupportReport.fromJSON(try report.json())
                #expect(decoded.channels == report.channels && decoded.outcomes == report.outcomes)
            }
        }
    }

    @Test func metricsChannelsAndTheReportShareOneDefinition() async throws {
        try await withTestDatabase { db in
            try await db.withClient { database in
                try await ReportFixtureDay.insert(into: database)
                // Move the fixture day to the last 24 hours so the endpoint's window sees it.
                let shift = Date().timeIntervalSince(ReportFixtureDay.day.addingTimeInterval(86_400)) + 60
                for table in ["messages", "escalations", "tickets"] {
                    try await database.execute(
                        "UPDATE \(fragment: SQLQuery(unsafeSQL: table)) SET created_at = created_at + make_interval(secs => \(shift))")
                }
                let metrics = try await CustomerDirectory(database: database).channelMetrics(hours: 24)
                let report = try await SupportReportBuilder(database: database, gaps: nil).report(.last(hours: 24))
                #expect(metrics.map(\.channel) == report.channels.map(\.channel.rawValue))
                #expect(metrics.map(\.messages) == report.channels.map(\.messages))
                #expect(metrics.map(\.conversations) == report.channels.map(\.conversations))
                #expect(metrics.map(\.escalations) == report.channels.map(\.escalations))
                #expect(metrics.map(\.averageSentiment) == report.channels.map(\.averageSentiment))
                #expect(metrics.map(\.messages) == [2, 2, 2])
            }
        }
    }
}
