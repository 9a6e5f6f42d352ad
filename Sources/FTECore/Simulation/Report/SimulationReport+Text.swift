import Foundation

extension SimulationReport {
    /// The summary `fte simulate` prints on stdout: the setup, a table per channel, escalations,
    /// identification, the model's use, the faults and what they did to latency, the objectives
    /// and a last line with the verdict (`PASS: …` or `FAIL: missed …` naming every miss).
    public static func text(_ result: SimulationResult) -> String {
        let setup = result.setup
        var out: [String] = []
        out.append("fte simulate: " + Figures.run(setup))
        out.append(
            "Setup: queue \(setup.queue) · llm \(setup.llm) · \(Figures.processes(setup)) · "
                + "\(ReportFormat.count(setup.messages)) messages planned · wall time \(ReportFormat.duration(result.wallSeconds))")
        out.append("")
        out.append(channelSection(result))
        out.append("")
        out.append(contentsOf: summaryLines(result))
        out.append("")
        out.append(faultSection(result))
        out.append("")
        out.append(objectiveSection(result))
        out.append("")
        out.append(ReportFormat.verdict(result))
        return out.joined(separator: "\n") + "\n"
    }

    private static func channelSection(_ result: SimulationResult) -> String {
        var table = TextTable([
            ("channel", .left), ("sent", .right), ("acked", .right), ("answered", .right), ("escalated", .right),
            ("lost", .right), ("dup", .right), ("ack p50 / p95 / p99", .left),
            ("processing p50 / p95 / p99", .left), ("delivery p50 / p95 / p99", .left),
        ])
        func row(_ name: String, _ c: ChannelMeasurements) -> [String] {
            [name] + [c.sent, c.acknowledged, c.answered, c.escalated, c.lost, c.duplicateReplies].map(ReportFormat.count)
                + [c.acknowledgement, c.processing, c.delivery].map(Figures.percentiles)
        }
        for channel in result.channels { table.append(row(channel.channel.displayName, channel)) }
        if result.channels.count > 1 { table.append(row("all", result.channelTotals)) }
        guard !result.channels.isEmpty else { return "Channels: no messages were measured" }
        return "Channels\n" + table.render(indent: "  ")
    }

    private static func summaryLines(_ result: SimulationResult) -> [String] {
        let totals = result.channelTotals
        return [
            "Escalation: \(ReportFormat.percent(result.escalationRate)) of acknowledged messages · "
                + "\(ReportFormat.percent(result.escalationCorrectness)) correct against ground truth",
            "  reasons: " + Figures.counts(result.sortedEscalationReasons.map { ($0.reason, $0.count) }),
            "Cross-channel identification: \(ReportFormat.percent(result.crossChannelAccuracy)) of "
                + "\(ReportFormat.count(result.multiChannelPeople)) people who wrote on several channels",
            "LLM: \(ReportFormat.count(result.llmCalls)) calls · \(ReportFormat.count(result.llmTokens)) tokens"
                + " (model latency is part of processing)",
            "Answered by: " + Figures.counts(result.sortedAnsweredBy.map { ($0.who, $0.count) }),
            "Uptime: \(ReportFormat.percent(result.uptime, decimals: 3)) of \(ReportFormat.count(result.probes)) health probes"
                + " · process kills \(ReportFormat.count(result.processKills))"
                + " · redeliveries \(ReportFormat.count(result.redeliveries))",
            "Lost messages: \(ReportFormat.count(result.lostMessages)) · duplicate replies "
                + "\(ReportFormat.count(result.duplicateReplies)) · delivery failures \(ReportFormat.count(totals.deliveryFailures))",
        ]
    }

    private static func faultSection(_ result: SimulationResult) -> String {
        guard !result.faults.isEmpty else { return "Faults: none were injected" }
        let processing = result.dayLatency(.processing).p95
        let delivery = result.dayLatency(.delivery).p95
        var table = TextTable([
            ("time", .left), ("fault", .left), ("target", .left), ("lasted", .left), ("msgs", .right),
            ("processing p95", .left), ("delivery p95", .left), ("effect", .left),
        ])
        for fault in result.faults {
            let effect = fault.effect
            table.append([
                ReportFormat.clock(fault.startsAt), fault.kind.displayName, fault.target, ReportFormat.span(fault.duration),
                effect.map { ReportFormat.count($0.messages) } ?? ReportFormat.missing,
                Figures.compared(effect?.processingP95, with: processing),
                Figures.compared(effect?.deliveryP95, with: delivery),
                effect.map { oneLine($0.note) } ?? "not measured",
            ])
        }
        return "Faults (\(result.faults.count)): p95 around each vs. the day's p95 (processing "
            + "\(ReportFormat.duration(processing)), delivery \(ReportFormat.duration(delivery)))\n" + table.render(indent: "  ")
    }

    private static func objectiveSection(_ result: SimulationResult) -> String {
        guard !result.objectives.isEmpty else { return "Objectives: none were evaluated" }
        var table = TextTable([("objective", .left), ("measured", .right), ("required", .left), ("meaning", .left)])
        for objective in result.objectives {
            table.append([
                (objective.passed ? "✔ " : "✘ ") + objective.name, ReportFormat.objectiveValue(objective.measured, of: objective),
                ReportFormat.objectiveCondition(objective), oneLine(objective.summary),
            ])
        }
        return "Objectives\n" + table.render(indent: "  ")
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
