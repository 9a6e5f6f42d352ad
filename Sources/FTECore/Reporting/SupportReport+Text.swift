import Foundation

extension SupportReport {
    /// The terminal summary: one small table per section.
    public func text() -> String {
        var out = ["fte report: " + Figures.period(period), ""]
        if isEmpty {
            out.append("No customer messages and no tickets in this period.")
            out.append("")
        }
        out.append(volumeSection())
        out.append("")
        out.append(sentimentSection())
        out.append("")
        out.append(outcomesSection())
        out.append("")
        out.append(responseSection())
        out.append("")
        out.append(gapsSection())
        out.append("")
        out.append(modelSection())
        return out.joined(separator: "\n") + "\n"
    }

    private func volumeSection() -> String {
        var table = TextTable([("channel", .left), ("conversations", .right), ("messages in", .right), ("escalations", .right)])
        for figures in channels {
            table.append([figures.channel.displayName, ReportFormat.count(figures.conversations),
                          ReportFormat.count(figures.messages), ReportFormat.count(figures.escalations)])
        }
        var lines = ["Volume", table.render(indent: "  ")]
        lines.append(
            "  Customers: \(ReportFormat.count(customers.active)) wrote · \(ReportFormat.count(customers.new)) new · "
                + "\(ReportFormat.count(customers.returning)) returning · \(ReportFormat.count(customers.multiChannel)) on several channels")
        if let busiest = Figures.busiest(self) {
            lines.append("  Busiest \(bucketSeconds == 3600 ? "hour" : "day"): \(busiest)")
        }
        return lines.joined(separator: "\n")
    }

    private func sentimentSection() -> String {
        var table = TextTable([
            ("channel", .left), ("average", .right), ("trend", .right), ("positive", .right), ("neutral", .right),
            ("negative", .right), ("unscored", .right),
        ])
        for (figures, before) in zip(channels, previousChannels) {
            table.append([
                figures.channel.displayName, Figures.score(figures.averageSentiment),
                Figures.trend(figures.averageSentiment, before.averageSentiment),
                Figures.share(figures.positive, of: figures.scored), Figures.share(figures.neutral, of: figures.scored),
                Figures.share(figures.negative, of: figures.scored), ReportFormat.count(figures.messages - figures.scored),
            ])
        }
        let (current, previous) = averageSentiment
        table.append(["all", Figures.score(current), Figures.trend(current, previous), "", "", "", ""])
        var lines = ["Sentiment (0 = very negative, 1 = very positive; trend against the previous \(ReportFormat.duration(period.length)))",
                     table.render(indent: "  ")]
        if negativeTickets.isEmpty {
            lines.append("  Most negative tickets: none below \(ReportFormat.fixed(SentimentBands.negative, 3))")
        } else {
            var worst = TextTable([("ticket", .left), ("channel", .left), ("score", .right), ("first words", .left)])
            for ticket in negativeTickets {
                worst.append([ticket.ticketID.lowercasedString, ticket.channel.displayName, Figures.score(ticket.score), ticket.excerpt])
            }
            lines.append("  Most negative tickets")
            lines.append(worst.render(indent: "    "))
        }
        return lines.joined(separator: "\n")
    }

    private func outcomesSection() -> String {
        var table = TextTable([
            ("channel", .left), ("tickets", .right), ("answered by agent", .right), ("escalated, waiting", .right),
            ("resolved by human", .right), ("open", .right), ("automation", .right), ("reopened", .right),
        ])
        func row(_ o: TicketOutcomes) -> [String] {
            [Figures.channel(o.channel), ReportFormat.count(o.tickets), Figures.share(o.answeredByAgent, of: o.tickets),
             Figures.share(o.escalatedWaiting, of: o.tickets), Figures.share(o.resolvedByHuman, of: o.tickets),
             Figures.share(o.open, of: o.tickets), ReportFormat.percent(o.automationRate),
             ReportFormat.count(o.reopened)]
        }
        outcomes.forEach { table.append(row($0)) }
        let total = totalOutcomes
        if outcomes.count > 1 { table.append(row(total)) }
        let window = ReportFormat.duration(reopenWindowHours * 3600)
        var lines = ["Outcomes (tickets opened in the period)", table.render(indent: "  ")]
        lines.append(
            "  Automation rate \(ReportFormat.percent(total.automationRate)): answered by the agent and not reopened within "
                + "\(window), of all tickets; reopen rate \(ReportFormat.percent(total.reopenRate)) of the agent's answers"
                + (total.withinReopenWindow > 0 ? " (\(ReportFormat.count(total.withinReopenWindow)) answers still inside the window)" : ""))
        lines.append(
            "  Escalated: \(ReportFormat.count(total.escalated)) (\(ReportFormat.percent(total.escalationRate))) — "
                + (escalationReasons.isEmpty ? "none"
                    : escalationReasons.map { "\($0.reason) \(ReportFormat.count($0.tickets))" }.joined(separator: " · ")))
        return lines.joined(separator: "\n")
    }

    private func responseSection() -> String {
        var table = TextTable([
            ("channel", .left), ("first reply p50 / p90", .left), ("agent p50 / p90", .left), ("human p50 / p90", .left),
            ("human handling p50 / p90", .left),
        ])
        for times in responseTimes {
            table.append([times.channel.displayName, Figures.durations(times.firstResponse), Figures.durations(times.agent),
                          Figures.durations(times.human), Figures.durations(times.humanHandling)])
        }
        return ["First response (opening message → first reply delivered; handling: escalation → resolved)",
                table.render(indent: "  ")].joined(separator: "\n")
    }

    private func gapsSection() -> String {
        guard knowledgeGaps.questions > 0 else { return "Knowledge gaps: none (every question found a relevant passage or another reason to escalate)" }
        var table = TextTable([("asked", .right), ("tickets", .right), ("example question", .left)])
        for group in knowledgeGaps.groups {
            table.append([ReportFormat.count(group.count), ReportFormat.count(group.ticketIDs.count), Self.oneLine(group.example, 100)])
        }
        return ["Knowledge gaps: \(ReportFormat.counted(knowledgeGaps.questions, "question")) in "
                + "\(ReportFormat.counted(knowledgeGaps.groupCount, "group")), grouped by \(knowledgeGaps.grouping); largest first",
                table.render(indent: "  ")].joined(separator: "\n")
    }

    private func modelSection() -> String {
        guard !models.isEmpty else { return "Model usage: no model calls" }
        var table = TextTable([
            ("model", .left), ("replies", .right), ("calls", .right), ("tokens", .right), ("call p50 / p95", .left),
            ("wait per reply p50 / p95", .left),
        ])
        for usage in models {
            table.append([usage.model, ReportFormat.count(usage.replies), ReportFormat.count(usage.calls),
                          ReportFormat.count(usage.tokens), Figures.milliseconds(usage.callP50, usage.callP95),
                          Figures.milliseconds(usage.replyWaitP50, usage.replyWaitP95)])
        }
        return ["Model usage", table.render(indent: "  ")].joined(separator: "\n")
    }

    /// `text` on one line, cut at `limit` characters with `…`.
    static func oneLine(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
