import Foundation

extension SupportReport {
    /// The report's SVG charts (drawn with the same ``SVGChart`` as `fte simulate`'s report);
    /// each is `nil` when there is nothing to draw.
    enum Charts {
        /// Inbound messages per bucket, stacked by channel.
        static func volume(_ report: SupportReport) -> String? {
            var totals: [Date: [Channel: Int]] = [:]
            for bucket in report.volume { totals[bucket.startsAt, default: [:]][bucket.channel, default: 0] += bucket.messages }
            let highest = totals.values.map { $0.values.reduce(0, +) }.max() ?? 0
            guard highest > 0 else { return nil }
            let span = report.period.length
            let step = Double(report.bucketSeconds)
            let yTicks = Ticks.linear(upTo: Double(highest), integers: true)
            var chart = SVGChart(x: (.linear, 0, span), y: (.linear, 0, yTicks.last ?? 1))
            let unit = report.bucketSeconds == 3600 ? "hour" : "day"
            chart.axes(
                x: Ticks.clock(span: span), { label(report.period.since.addingTimeInterval($0), daily: span > 2 * 86_400) },
                title: "time (UTC)", y: yTicks, { ReportFormat.count(Int($0)) }, title: "messages per \(unit)")
            chart.legend(SVGChart.channelLegend)
            for (start, counts) in totals.sorted(by: { $0.key < $1.key }) {
                let offset = start.timeIntervalSince(report.period.since)
                chart.stackedChannelBar(from: offset, to: offset + step, counts: counts, slice: Figures.clock(start))
            }
            return chart.render(
                id: "chart-volume", title: "Messages from customers over time",
                description: "Inbound messages per \(unit), stacked by channel (email, WhatsApp, web form).")
        }

        /// One horizontal bar per channel split into shares (0–100 %) by `parts`.
        static func shares(
            id: String, title: String, description: String, rows: [(label: String, parts: [Int])],
            legend: [(label: String, cssClass: String)]
        ) -> String? {
            let drawn = rows.filter { $0.parts.reduce(0, +) > 0 }
            guard !drawn.isEmpty else { return nil }
            let rowHeight = 34.0
            var chart = SVGChart(
                height: 92 + rowHeight * Double(drawn.count), x: (.linear, 0, 1), y: (.linear, 0, Double(drawn.count)))
            chart.axes(
                x: [0, 0.25, 0.5, 0.75, 1], { ReportFormat.percent($0, decimals: 0) }, title: "share",
                y: [], { _ in "" }, title: "")
            chart.legend(legend)
            for (index, row) in drawn.enumerated() {
                let total = Double(row.parts.reduce(0, +))
                let top = chart.y(Double(drawn.count - index)) + 4
                let height = chart.y(Double(drawn.count - index - 1)) - top - 4
                chart.canvas.text(row.label, x: chart.left - 6, y: top + height / 2 + 4, anchor: .end, class: "tick")
                var start = 0.0
                for (part, item) in zip(row.parts, legend) where part > 0 {
                    let share = Double(part) / total
                    chart.canvas.rect(
                        x: chart.x(start), y: top, width: chart.x(start + share) - chart.x(start), height: height,
                        class: "bar " + item.cssClass,
                        title: "\(row.label), \(item.label): \(ReportFormat.count(part)) (\(ReportFormat.percent(share, decimals: 0)))")
                    start += share
                }
            }
            return chart.render(id: id, title: title, description: description)
        }

        static func sentiment(_ report: SupportReport) -> String? {
            shares(
                id: "chart-sentiment", title: "Sentiment of customers' messages per channel",
                description: "Share of scored inbound messages that are positive, neutral and negative, per channel.",
                rows: report.channels.map { (label: $0.channel.displayName, parts: [$0.positive, $0.neutral, $0.negative]) },
                legend: [(label: "positive", cssClass: "s-positive"), (label: "neutral", cssClass: "s-neutral"),
                         (label: "negative", cssClass: "s-negative")])
        }

        static func outcomes(_ report: SupportReport) -> String? {
            shares(
                id: "chart-outcomes", title: "Outcomes of the tickets per channel",
                description: "Share of the tickets opened in the period answered by the agent, escalated and waiting, "
                    + "resolved by a person, and still open, per channel.",
                rows: report.outcomes.map { o in
                    (label: o.channel?.displayName ?? "all", parts: [o.answeredByAgent, o.escalatedWaiting, o.resolvedByHuman, o.open])
                },
                legend: [(label: "answered by the agent", cssClass: "o-agent"), (label: "escalated, waiting", cssClass: "o-escalated"),
                         (label: "resolved by a person", cssClass: "o-human"), (label: "open", cssClass: "o-open")])
        }

        /// The largest knowledge-gap groups as horizontal bars.
        static func gaps(_ report: SupportReport) -> String? {
            let groups = report.knowledgeGaps.groups
            guard let largest = groups.map(\.count).max(), largest > 0 else { return nil }
            let rowHeight = 26.0
            let xTicks = Ticks.linear(upTo: Double(largest), integers: true)
            var chart = SVGChart(
                height: 92 + rowHeight * Double(groups.count), x: (.linear, 0, xTicks.last ?? 1), y: (.linear, 0, Double(groups.count)))
            chart.axes(x: xTicks, { ReportFormat.count(Int($0)) }, title: "times asked", y: [], { _ in "" }, title: "")
            for (index, group) in groups.enumerated() {
                let top = chart.y(Double(groups.count - index)) + 3
                let height = chart.y(Double(groups.count - index - 1)) - top - 3
                chart.canvas.rect(
                    x: chart.x(0), y: top, width: chart.x(Double(group.count)) - chart.x(0), height: height, class: "bar gap",
                    title: "\(ReportFormat.count(group.count)) times: \(group.example)")
                chart.canvas.text("#\(index + 1)", x: chart.left - 6, y: top + height / 2 + 4, anchor: .end, class: "tick")
            }
            return chart.render(
                id: "chart-gaps", title: "Largest knowledge gaps",
                description: "How often each group of unanswered questions was asked, numbered as in the table below.")
        }

        /// `14:00`, or `12-04` for charts over several days.
        private static func label(_ date: Date, daily: Bool) -> String {
            let text = Figures.clock(date)
            return daily ? String(text.dropFirst(5).prefix(5)) : String(text.suffix(5))
        }
    }
}
