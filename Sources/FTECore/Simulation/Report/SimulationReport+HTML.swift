import Foundation

extension SimulationReport {
    /// One self-contained HTML5 page (inline CSS and SVG, no scripts, no external assets): the
    /// verdict, the setup, the objectives, the channels, charts of traffic and latency over
    /// simulated time with the faults marked, per-channel latency distributions, the faults and
    /// what they did to latency, and the escalation reasons. Every string from the result is
    /// escaped.
    public static func html(_ result: SimulationResult) -> String {
        let verdict = result.passed ? "PASS" : "FAIL"
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.raw("<meta name=\"color-scheme\" content=\"light dark\">")
        page.element("title", "fte simulate: \(verdict), \(Figures.run(result.setup))")
        page.raw("<style>\n\(HTMLPage.style)\n</style>\n</head>\n<body>\n<main>")
        page.element("h1", "fte simulate: a day of traffic with faults")
        let run = Figures.run(result.setup)
        page.element("p", run.prefix(1).uppercased() + run.dropFirst(), class: "lead")
        verdictSection(result, into: &page)
        setupSection(result, into: &page)
        objectivesSection(result, into: &page)
        channelsSection(result, into: &page)
        chartSections(result, into: &page)
        faultsSection(result, into: &page)
        reasonsSection(result, into: &page)
        page.raw("</main>\n</body>\n</html>")
        return page.text
    }

    private static func verdictSection(_ result: SimulationResult, into page: inout HTMLPage) {
        let missed = result.missedObjectives
        page.raw("<section class=\"verdict \(missed.isEmpty ? "pass" : "fail")\" aria-labelledby=\"verdict-heading\">")
        page.element("h2", missed.isEmpty ? "PASS: every objective held" : "FAIL: \(missed.count) of \(result.objectives.count) objectives missed",
                     id: "verdict-heading")
        if !missed.isEmpty { page.list(missed.map { "✘ " + ReportFormat.miss($0) }) }
        page.raw("</section>")
    }

    private static func setupSection(_ result: SimulationResult, into page: inout HTMLPage) {
        let setup = result.setup
        let totals = result.channelTotals
        page.section("Setup and totals")
        page.definitions([
            ("Simulated time", ReportFormat.duration(setup.hours * 3600)),
            ("Speed", ReportFormat.trimmed(setup.speed, 1) + "× (simulated seconds per real second)"),
            ("Traffic scale", ReportFormat.trimmed(setup.scale, 2)),
            ("Seed", String(setup.seed)),
            ("Queue", setup.queue),
            ("Model", setup.llm),
            ("Processes", Figures.processes(setup)),
            ("Messages planned", ReportFormat.count(setup.messages)),
            ("Started", result.startedAt.formatted(.iso8601)),
            ("Wall time", ReportFormat.duration(result.wallSeconds)),
            ("Uptime", "\(ReportFormat.percent(result.uptime, decimals: 3)) of \(ReportFormat.count(result.probes)) health probes"),
            ("Process kills", ReportFormat.count(result.processKills)),
            ("Provider redeliveries", ReportFormat.count(result.redeliveries)),
            ("Escalation rate", ReportFormat.percent(result.escalationRate) + " of acknowledged messages"),
            ("Escalation correctness", ReportFormat.percent(result.escalationCorrectness) + " against ground truth"),
            ("Cross-channel identification", "\(ReportFormat.percent(result.crossChannelAccuracy)) of "
                + "\(ReportFormat.count(result.multiChannelPeople)) people who wrote on several channels"),
            ("LLM", "\(ReportFormat.count(result.llmCalls)) calls, \(ReportFormat.count(result.llmTokens)) tokens"),
            ("Answered by", Figures.counts(result.sortedAnsweredBy.map { ($0.who, $0.count) })),
            ("Lost messages", ReportFormat.count(result.lostMessages)),
            ("Duplicate replies", ReportFormat.count(result.duplicateReplies)),
            ("Delivery failures", ReportFormat.count(totals.deliveryFailures)),
        ])
        page.raw("</section>")
    }

    private static func objectivesSection(_ result: SimulationResult, into page: inout HTMLPage) {
        page.section("Objectives")
        if result.objectives.isEmpty {
            page.noData("No objectives were evaluated.")
        } else {
            page.table(
                header: ["", "Objective", "Measured", "Required", "Meaning"], numeric: [2], prose: [4],
                rows: result.objectives.map { objective in
                    [objective.passed ? "✔ held" : "✘ missed", objective.name, ReportFormat.objectiveValue(objective.measured, of: objective),
                     ReportFormat.objectiveCondition(objective), objective.summary]
                },
                rowClasses: result.objectives.map { $0.passed ? "held" : "missed" }, rowHeaderColumn: 1)
        }
        page.raw("</section>")
    }

    private static func channelsSection(_ result: SimulationResult, into page: inout HTMLPage) {
        page.section("Channels")
        if result.channels.isEmpty {
            page.noData("No channel was measured.")
        } else {
            var channels = result.channels.map { ($0.channel.displayName, $0) }
            if channels.count > 1 { channels.append(("all channels", result.channelTotals)) }
            page.table(
                header: ["Channel", "Sent", "Acknowledged", "Answered", "Escalated", "Lost", "Duplicate replies",
                         "Delivery failures", "Acknowledgement p50 / p95 / p99", "Processing p50 / p95 / p99",
                         "Delivery p50 / p95 / p99"],
                numeric: Array(1...7),
                rows: channels.map { name, c in
                    [name] + [c.sent, c.acknowledged, c.answered, c.escalated, c.lost, c.duplicateReplies, c.deliveryFailures]
                        .map(ReportFormat.count) + [c.acknowledgement, c.processing, c.delivery].map(Figures.percentiles)
                })
            page.element("p", "Processing includes the model's latency; acknowledgement runs from the provider's first attempt "
                + "to the gateway's 2xx, delivery from the stored reply to the provider's acceptance.", class: "note")
        }
        page.raw("</section>")
    }

    private static func chartSections(_ result: SimulationResult, into page: inout HTMLPage) {
        page.section("Traffic over simulated time")
        page.figure(Charts.traffic(result), empty: "No traffic was recorded.")
        page.raw("</section>")
        page.section("Processing latency over simulated time")
        page.figure(Charts.processingOverTime(result), empty: "No processing latency was measured.")
        page.raw("</section>")
        page.section("Latency distributions per channel")
        for kind in LatencyKind.allCases {
            page.element("h3", "\(kind.title) (\(kind.span))")
            page.figure(Charts.distribution(result, kind), empty: "No \(kind.title.lowercased()) latency was measured.")
        }
        page.raw("</section>")
    }

    private static func faultsSection(_ result: SimulationResult, into page: inout HTMLPage) {
        page.section("Faults")
        if result.faults.isEmpty {
            page.noData("No faults were injected.")
        } else {
            let processing = result.dayLatency(.processing).p95, delivery = result.dayLatency(.delivery).p95
            page.element("p", "The p95 latencies of the messages acknowledged during each fault (and shortly after), "
                + "compared with the whole day's p95: processing \(ReportFormat.duration(processing)), "
                + "delivery \(ReportFormat.duration(delivery)).", class: "note")
            page.table(
                header: ["#", "Time", "Fault", "Target", "Lasted", "Messages", "Processing p95", "Delivery p95", "What happened"],
                numeric: [0, 5], prose: [8],
                rows: result.faults.enumerated().map { index, fault in
                    [String(index + 1), ReportFormat.clock(fault.startsAt), fault.kind.displayName, fault.target,
                     ReportFormat.span(fault.duration), fault.effect.map { ReportFormat.count($0.messages) } ?? ReportFormat.missing,
                     Figures.compared(fault.effect?.processingP95, with: processing),
                     Figures.compared(fault.effect?.deliveryP95, with: delivery), fault.effect?.note ?? "not measured"]
                },
                rowHeaderColumn: 2)
        }
        page.raw("</section>")
    }

    private static func reasonsSection(_ result: SimulationResult, into page: inout HTMLPage) {
        page.section("Escalation reasons")
        let reasons = result.sortedEscalationReasons
        let total = reasons.reduce(0) { $0 + $1.count }
        if reasons.isEmpty {
            page.noData("No message was escalated.")
        } else {
            page.table(
                header: ["Reason", "Escalations", "Share"], numeric: [1, 2],
                rows: reasons.map { [$0.reason, ReportFormat.count($0.count), ReportFormat.percent(Double($0.count) / Double(Swift.max(1, total)))] })
        }
        page.raw("</section>")
    }
}
