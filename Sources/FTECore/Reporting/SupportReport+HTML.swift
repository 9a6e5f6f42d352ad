import Foundation

extension SupportReport {
    /// One self-contained HTML5 page (inline CSS and SVG, no scripts, no external assets) with
    /// every section and its charts; every string from the database is escaped.
    public func html() -> String {
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.raw("<meta name=\"color-scheme\" content=\"light dark\">")
        page.element("title", "fte report: " + Figures.period(period))
        page.raw("<style>\n\(HTMLPage.style)\n\(Self.style)\n</style>\n</head>\n<body>\n<main>")
        page.element("h1", "Support report")
        page.element("p", Figures.period(period) + " · generated " + Figures.clock(generatedAt) + " UTC", class: "lead")
        if isEmpty { page.element("p", "No customer messages and no tickets in this period.", class: "no-data") }
        summarySection(&page)
        volumeSection(&page)
        sentimentSection(&page)
        outcomesSection(&page)
        responseSection(&page)
        gapsSection(&page)
        modelSection(&page)
        page.element("p", "Every figure is defined in docs/report.md.", class: "note")
        page.raw("</main>\n</body>\n</html>")
        return page.text
    }

    private func summarySection(_ page: inout HTMLPage) {
        let total = totalOutcomes
        page.section("Summary")
        page.definitions([
            ("Messages from customers", ReportFormat.count(inboundMessages)),
            ("Tickets opened", ReportFormat.count(total.tickets)),
            ("Automation rate", ReportFormat.percent(total.automationRate)
                + " (answered by the agent, not reopened within \(ReportFormat.duration(reopenWindowHours * 3600)))"),
            ("Escalated", Figures.share(total.escalated, of: total.tickets)),
            ("Average sentiment", Figures.score(averageSentiment.current) + " (trend " + Figures.trend(averageSentiment.current, averageSentiment.previous) + ")"),
            ("Knowledge gaps", "\(ReportFormat.counted(knowledgeGaps.questions, "question")) in \(ReportFormat.counted(knowledgeGaps.groupCount, "group"))"),
        ])
        page.raw("</section>")
    }

    private func volumeSection(_ page: inout HTMLPage) {
        page.section("Volume")
        page.figure(Charts.volume(self), empty: "No messages from customers in this period.")
        page.table(
            header: ["Channel", "Conversations", "Messages in", "Escalations"], numeric: [1, 2, 3],
            rows: channels.map { [$0.channel.displayName, ReportFormat.count($0.conversations), ReportFormat.count($0.messages),
                                  ReportFormat.count($0.escalations)] })
        page.definitions([
            ("Customers who wrote", ReportFormat.count(customers.active)),
            ("New / returning", "\(ReportFormat.count(customers.new)) / \(ReportFormat.count(customers.returning))"),
            ("On several channels", ReportFormat.count(customers.multiChannel)),
        ])
        page.raw("</section>")
    }

    private func sentimentSection(_ page: inout HTMLPage) {
        page.section("Sentiment")
        page.figure(Charts.sentiment(self), empty: "No scored messages in this period.")
        page.table(
            header: ["Channel", "Average (0–1)", "Trend", "Positive", "Neutral", "Negative", "Unscored"], numeric: [1, 2, 3, 4, 5, 6],
            rows: zip(channels, previousChannels).map { figures, before in
                [figures.channel.displayName, Figures.score(figures.averageSentiment),
                 Figures.trend(figures.averageSentiment, before.averageSentiment),
                 Figures.share(figures.positive, of: figures.scored), Figures.share(figures.neutral, of: figures.scored),
                 Figures.share(figures.negative, of: figures.scored), ReportFormat.count(figures.messages - figures.scored)]
            })
        page.raw("<h3>Most negative tickets</h3>")
        if negativeTickets.isEmpty {
            page.noData("No message scored below \(ReportFormat.fixed(SentimentBands.negative, 3)).")
        } else {
            page.table(
                header: ["Ticket", "Channel", "Score", "First words"], numeric: [2], prose: [3],
                rows: negativeTickets.map { [$0.ticketID.lowercasedString, $0.channel.displayName, Figures.score($0.score), $0.excerpt] })
        }
        page.raw("</section>")
    }

    private func outcomesSection(_ page: inout HTMLPage) {
        page.section("Outcomes")
        page.figure(Charts.outcomes(self), empty: "No tickets opened in this period.")
        let rows = (outcomes + (outcomes.count > 1 ? [totalOutcomes] : [])).map { o in
            [Figures.channel(o.channel), ReportFormat.count(o.tickets), Figures.share(o.answeredByAgent, of: o.tickets),
             Figures.share(o.escalatedWaiting, of: o.tickets), Figures.share(o.resolvedByHuman, of: o.tickets),
             Figures.share(o.open, of: o.tickets), ReportFormat.percent(o.automationRate), ReportFormat.count(o.reopened)]
        }
        page.table(
            header: ["Channel", "Tickets", "Answered by the agent", "Escalated, waiting", "Resolved by a person", "Open",
                     "Automation rate", "Reopened"],
            numeric: Array(1...7), rows: rows)
        page.raw("<h3>Escalations by reason</h3>")
        if escalationReasons.isEmpty {
            page.noData("No escalations.")
        } else {
            page.table(
                header: ["Reason", "Tickets", "What it means"], numeric: [1], prose: [2],
                rows: escalationReasons.map { [$0.reason, ReportFormat.count($0.tickets),
                                               EscalationReason(rawValue: $0.reason)?.description ?? "Escalated by a person."] })
        }
        page.raw("</section>")
    }

    private func responseSection(_ page: inout HTMLPage) {
        page.section("First response")
        page.table(
            header: ["Channel", "First reply p50 / p90", "Agent p50 / p90", "Person p50 / p90", "Person's handling p50 / p90"],
            rows: responseTimes.map { [$0.channel.displayName, Figures.durations($0.firstResponse), Figures.durations($0.agent),
                                       Figures.durations($0.human), Figures.durations($0.humanHandling)] })
        page.element("p", "From the customer's opening message to the first reply the channel accepted; handling runs from the "
                      + "escalation to the resolution by a person.", class: "note")
        page.raw("</section>")
    }

    private func gapsSection(_ page: inout HTMLPage) {
        page.section("Knowledge gaps")
        guard knowledgeGaps.questions > 0 else {
            page.noData("Every question found a relevant passage or was escalated for another reason.")
            return page.raw("</section>")
        }
        page.element("p", "\(ReportFormat.counted(knowledgeGaps.questions, "question")) the knowledge base could not answer, in "
                      + "\(ReportFormat.counted(knowledgeGaps.groupCount, "group")), grouped by \(knowledgeGaps.grouping).", class: "note")
        page.figure(Charts.gaps(self), empty: "")
        page.table(
            header: ["#", "Asked", "Tickets", "Example question"], numeric: [1, 2], prose: [3],
            rows: knowledgeGaps.groups.enumerated().map { index, group in
                ["#\(index + 1)", ReportFormat.count(group.count), ReportFormat.count(group.ticketIDs.count), group.example]
            })
        page.raw("</section>")
    }

    private func modelSection(_ page: inout HTMLPage) {
        page.section("Model usage")
        guard !models.isEmpty else {
            page.noData("No model calls in this period.")
            return page.raw("</section>")
        }
        page.table(
            header: ["Model", "Replies", "Calls", "Tokens", "Call p50 / p95", "Wait per reply p50 / p95"], numeric: [1, 2, 3],
            rows: models.map { [$0.model, ReportFormat.count($0.replies), ReportFormat.count($0.calls), ReportFormat.count($0.tokens),
                                Figures.milliseconds($0.callP50, $0.callP95), Figures.milliseconds($0.replyWaitP50, $0.replyWaitP95)] })
        page.raw("</section>")
    }

    /// Colours of the report's own chart classes (the channels' come from the shared sheet).
    static let style = """
        :root { --positive: #1a7f37; --neutral: #8c959f; --negative: #cf222e; --agent: #2563eb; --escalated: #d97706;
          --human: #7c3aed; --open: #8c959f; --gap: #0e7490; }
        svg .s-positive { --c: var(--positive); } svg .s-neutral { --c: var(--neutral); } svg .s-negative { --c: var(--negative); }
        svg .o-agent { --c: var(--agent); } svg .o-escalated { --c: var(--escalated); } svg .o-human { --c: var(--human); }
        svg .o-open { --c: var(--open); } svg .gap { --c: var(--gap); }
        """
}
