import Foundation

extension SimulationReport {
    /// The report's SVG charts; each is `nil` when there is nothing to draw.
    enum Charts {
        /// The lowest latency a logarithmic axis shows; faster values are drawn on it.
        static let latencyFloor = 0.001

        /// Messages per timeline bucket, stacked by channel, with the faults marked.
        static func traffic(_ result: SimulationResult) -> String? {
            let buckets = result.timeline.filter { $0.startsAt.isFinite && $0.length.isFinite && $0.length > 0 }
            let totals = buckets.map { bucket in Channel.allCases.reduce(0) { $0 + Swift.max(0, bucket.messages[$1.rawValue] ?? 0) } }
            guard let highest = totals.max(), highest > 0 else { return nil }
            let day = result.reportDayLength
            let yTicks = Ticks.linear(upTo: Double(highest), integers: true)
            var chart = SVGChart(x: (.linear, 0, day), y: (.linear, 0, yTicks.last ?? 1))
            let lengths = Set(buckets.map(\.length))
            let per = lengths.count == 1 ? ReportFormat.duration(buckets[0].length) : "time slice"
            chart.axes(
                x: Ticks.clock(span: day), ReportFormat.clock, title: "simulated time (HH:MM)",
                y: yTicks, { ReportFormat.count(Int($0)) }, title: "messages per \(per)")
            chart.legend(SVGChart.channelLegend + faultLegend(result))
            for bucket in buckets {
                let counts = Dictionary(uniqueKeysWithValues: Channel.allCases.map { ($0, bucket.messages[$0.rawValue] ?? 0) })
                chart.stackedChannelBar(
                    from: bucket.startsAt, to: bucket.startsAt + bucket.length, counts: counts,
                    slice: ReportFormat.clock(bucket.startsAt) + "–" + ReportFormat.clock(bucket.startsAt + bucket.length))
            }
            chart.faults(result.faults)
            return chart.render(
                id: "chart-traffic", title: "Traffic over simulated time",
                description: "Messages first delivered per \(per), stacked by channel (\(channelNames)); "
                    + "faults are shaded bands (outages) or vertical lines (process kills), numbered as in the faults table.")
        }

        /// One dot per message's processing latency (log scale), the p95 per bucket as a line,
        /// the objective's threshold, and the faults marked.
        static func processingOverTime(_ result: SimulationResult) -> String? {
            let points = result.samples.compactMap { sample in
                sample.processing.flatMap { $0.isFinite && sample.at.isFinite ? (sample, $0) : nil }
            }
            let buckets = result.timeline.filter { $0.processingP95?.isFinite == true && $0.startsAt.isFinite }
            guard !points.isEmpty || !buckets.isEmpty else { return nil }
            let threshold = result.processingThreshold
            let values = points.map { $0.1 } + buckets.compactMap(\.processingP95) + (threshold.map { [$0] } ?? [])
            let yTicks = latencyTicks(values)
            let day = result.reportDayLength
            var chart = SVGChart(x: (.linear, 0, day), y: (.logarithmic, yTicks.first ?? latencyFloor, yTicks.last ?? 1))
            chart.axes(
                x: Ticks.clock(span: day), ReportFormat.clock, title: "simulated time (HH:MM)",
                y: yTicks, axisDuration, title: "processing latency (log scale)")
            chart.legend(SVGChart.channelLegend + [(label: "p95 per time slice", cssClass: "p95")] + faultLegend(result))
            for (sample, value) in points {
                chart.canvas.circle(
                    cx: chart.x(sample.at), cy: chart.y(value), r: 2.5, class: "dot " + SVGChart.cssClass(sample.channel),
                    title: "\(ReportFormat.clock(sample.at)) \(sample.channel.displayName): \(ReportFormat.duration(value))")
            }
            var runs: [[(x: Double, y: Double)]] = [[]]
            for bucket in result.timeline.filter({ $0.startsAt.isFinite && $0.length.isFinite }) {
                guard let p95 = bucket.processingP95, p95.isFinite else {
                    runs.append([])
                    continue
                }
                runs[runs.count - 1].append((x: chart.x(bucket.startsAt + bucket.length / 2), y: chart.y(p95)))
            }
            chart.canvas.polyline(runs, class: "p95-line", title: "p95 processing latency per time slice")
            for run in runs where run.count == 1 {
                chart.canvas.rect(x: run[0].x - 3, y: run[0].y - 3, width: 6, height: 6, class: "p95-point")
            }
            chart.faults(result.faults)
            if let threshold { chart.rule(atY: threshold, label: "objective p95 < \(ReportFormat.duration(threshold))", class: "threshold") }
            let undrawn = result.samples.count - points.count
            return chart.render(
                id: "chart-processing", title: "Processing latency over simulated time",
                description: "One dot per acknowledged message with a reply (acknowledged → reply ready), coloured by channel, "
                    + "on a logarithmic axis (values under \(ReportFormat.duration(latencyFloor)) drawn at it); the line is the p95 "
                    + "of each time slice. \(undrawn) messages without a reply are not drawn.")
        }

        /// The cumulative distribution of one latency per channel (log x axis).
        static func distribution(_ result: SimulationResult, _ kind: LatencyKind) -> String? {
            let byChannel = Channel.allCases.map { channel in
                (channel, result.samples.filter { $0.channel == channel }.compactMap { kind.value(of: $0) }.filter(\.isFinite).sorted())
            }
            let all = byChannel.flatMap { $0.1 }
            guard !all.isEmpty else { return nil }
            let xTicks = latencyTicks(all)
            var chart = SVGChart(height: 280, x: (.logarithmic, xTicks.first ?? latencyFloor, xTicks.last ?? 1), y: (.linear, 0, 1))
            chart.axes(
                x: xTicks, axisDuration, title: "\(kind.title.lowercased()) latency, \(kind.span) (log scale)",
                y: [0, 0.25, 0.5, 0.75, 1], { ReportFormat.percent($0, decimals: 0) }, title: "share of messages")
            chart.legend(byChannel.map { channel, values in
                (label: "\(channel.displayName) (\(values.isEmpty ? "no data" : ReportFormat.count(values.count)))",
                 cssClass: SVGChart.cssClass(channel))
            })
            chart.rule(atY: 0.95, label: "95 %", class: "threshold")
            for (channel, values) in byChannel where !values.isEmpty {
                let n = Double(values.count)
                var points = [(x: chart.x(values[0]), y: chart.y(0))]
                for (i, value) in values.enumerated() {
                    points.append((x: chart.x(value), y: chart.y(Double(i) / n)))
                    points.append((x: chart.x(value), y: chart.y(Double(i + 1) / n)))
                }
                points.append((x: chart.right, y: chart.y(1)))
                let summary = LatencySummary(of: values)
                chart.canvas.polyline(
                    [points], class: "cdf " + SVGChart.cssClass(channel),
                    title: "\(channel.displayName): \(values.count) messages, p50 / p95 / p99 \(Figures.percentiles(summary))")
            }
            return chart.render(
                id: "chart-distribution-\(kind.title.lowercased())", title: "\(kind.title) latency distribution per channel",
                description: "Cumulative share of messages (y) whose \(kind.title.lowercased()) latency (\(kind.span)) is at most x, "
                    + "one line per channel, logarithmic x axis; the dashed line marks 95 %.")
        }

        // MARK: Pieces

        private static var channelNames: String { Channel.allCases.map(\.displayName).joined(separator: ", ") }

        private static func faultLegend(_ result: SimulationResult) -> [(label: String, cssClass: String)] {
            result.faults.isEmpty ? [] : [(label: "fault (numbered)", cssClass: "fault-swatch")]
        }

        /// Decade ticks covering `values` (positive ones; faster than the floor drawn at it).
        private static func latencyTicks(_ values: [Double]) -> [Double] {
            let positive = values.filter { $0.isFinite && $0 > 0 }
            let low = Swift.max(latencyFloor, positive.min() ?? latencyFloor)
            return Ticks.decades(from: low, to: Swift.max(low, positive.max() ?? low))
        }

        /// `1 ms`, `100 ms`, `1 s`, `100 s` for latency axes.
        private static func axisDuration(_ seconds: Double) -> String {
            seconds < 1 ? ReportFormat.trimmed(seconds * 1000, 3) + " ms" : ReportFormat.trimmed(seconds, 3) + " s"
        }
    }
}
