import Foundation
import Testing
@testable import FTECore

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SimulationReportTests {
    // MARK: Text

    @Test func failLineNamesEveryMissedObjective() {
        let text = SimulationReport.text(Self.result())
        let verdict = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(verdict.hasPrefix("FAIL: missed "))
        #expect(verdict.contains("processing_p95_email (3.40 s vs < 3.00 s)"))
        #expect(verdict.contains("lost_messages (2 messages vs ≤ 0 messages)"))
        #expect(verdict.contains("escalation_rate (not measured vs < 25 %)"))
        #expect(!verdict.contains("uptime"), "a held objective is not named")
        #expect(text.contains("✔ uptime                    99.995 %  > 99.9 %"))
        #expect(text.contains("✘ lost_messages"))
    }

    @Test func passLineWhenEveryObjectiveHolds() {
        var result = Self.result()
        result.objectives = [
            ObjectiveResult(name: "uptime", summary: "gateway uptime", measured: 99.95, comparison: .above, threshold: 99.9, unit: "%"),
            ObjectiveResult(name: "lost_messages", summary: "lost", measured: 0, comparison: .atMost, threshold: 0, unit: "messages"),
        ]
        let text = SimulationReport.text(result)
        #expect(text.hasSuffix("PASS: every objective held\n"))
        #expect(text.contains("99.95 %"))
        #expect(!text.contains("FAIL"))
    }

    @Test func textHasTheSetupChannelsAndFigures() {
        let text = SimulationReport.text(Self.result())
        #expect(text.contains("simulated 24 h at 1440× speed · scale 1 · seed 42"))
        #expect(text.contains("queue postgres · llm scripted (300 ms per turn) · 2 gateways, 3 workers · 12 messages planned"))
        #expect(text.contains("WhatsApp"))
        #expect(text.contains("web form"))
        #expect(text.contains("pricing_inquiry 2 · refund_request 1"))
        #expect(text.contains("LLM: 1,234 calls · 56,789 tokens"))
        #expect(text.contains("Lost messages: 2 · duplicate replies 1"))
    }

    @Test func everyFaultAppearsInTheTextAndTheHTML() {
        let result = Self.result()
        let text = SimulationReport.text(result)
        let html = SimulationReport.html(result)
        for fault in result.faults {
            let line = text.split(separator: "\n").first { $0.contains(fault.kind.displayName) && $0.contains(fault.target) }
            #expect(line?.contains(ReportFormat.clock(fault.startsAt)) == true, "\(fault.kind) in the text")
            #expect(html.contains(HTMLText.escape(fault.label)), "\(fault.kind) in the HTML")
        }
        #expect(text.contains("02:00  worker kill    work-2  instant"))
        #expect(text.contains("10:00  LLM outage     llm     30 min"))
        #expect(text.contains("restarted in 0.8 s"))
    }

    // MARK: JSON

    @Test func jsonHasTheCountsAndTheVerdictAtTheTopLevel() throws {
        let data = try SimulationReport.json(Self.result())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["lost_messages"] as? Int == 2)
        #expect(object["duplicate_replies"] as? Int == 1)
        #expect(object["passed"] as? Bool == false)
        #expect(object["missed_objectives"] as? [String] == ["processing_p95_email", "lost_messages", "escalation_rate"])
        #expect(object["started_at"] as? String == "2026-09-22T10:40:00Z")
        #expect(object["lostMessages"] == nil)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\n  \"duplicate_replies\" : 1,"), "pretty printed")
        #expect(text.range(of: "\"channels\"")!.lowerBound < text.range(of: "\"duplicate_replies\"")!.lowerBound, "sorted keys")
    }

    @Test func jsonRoundTripsToAnEqualResult() throws {
        let result = Self.result()
        let data = try SimulationReport.json(result)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(SimulationResult.self, from: data) == result)
        #expect(try SimulationReport.result(fromJSON: data) == result)
    }

    // MARK: HTML

    @Test func everyChartIsWellFormedAndMarksFaultsAndSamples() throws {
        let result = Self.result()
        let svgs = Self.svgBlocks(in: SimulationReport.html(result))
        #expect(svgs.count == 5, "traffic, processing, and three distributions")
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") in \(svg.prefix(200))")
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id="))
        }
        let traffic = try #require(svgs.first { $0.contains("id=\"chart-traffic\"") })
        let processing = try #require(svgs.first { $0.contains("id=\"chart-processing\"") })
        #expect(Self.count("class=\"fault-mark\"", in: traffic) == result.faults.count)
        #expect(Self.count("class=\"fault-mark\"", in: processing) == result.faults.count)
        #expect(Self.count("class=\"fault-band\"", in: processing) == 2, "the outages are bands")
        #expect(Self.count("class=\"fault-line\"", in: processing) == 1, "the kill is a line")
        #expect(Self.count("<circle", in: processing) == result.samples.filter { $0.processing != nil }.count)
        #expect(result.samples.contains { $0.processing == nil }, "the fixture has a sample without a reply")
        #expect(Self.count("class=\"bar ", in: traffic) == 9, "one bar per bucket and channel with messages")
        #expect(traffic.contains(">00:00</text>") && traffic.contains(">24:00</text>"))
    }

    @Test func htmlIsOnePageWithAccessibleTables() {
        let html = SimulationReport.html(Self.result())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>fte simulate: FAIL"))
        #expect(html.contains("<th scope=\"col\""))
        #expect(html.contains("<th scope=\"row\""))
        #expect(html.contains("prefers-color-scheme: dark"))
        #expect(!html.contains("<script"), "no scripts")
        #expect(!html.contains("src=") && !html.contains("<link"), "no external assets")
        #expect(html.contains("processing_p95_email (3.40 s vs &lt; 3.00 s)"))
        #expect(html.contains("pricing_inquiry"))
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids.count >= 11, "five charts with a title and a description each, and the verdict")
        #expect(Set(ids).count == ids.count, "ids are unique: \(ids)")
    }

    @Test func htmlEscapesTextFromTheResult() {
        let html = SimulationReport.html(Self.result())
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;retried&#39;"))
        #expect(html.contains("scripted (300 ms per turn)"))
    }

    // MARK: Empty data

    @Test func anEmptyResultRendersWithNotes() throws {
        let empty = SimulationResult(
            setup: SimulationSetup(hours: 0, speed: 1, scale: 1, seed: 0, queue: "postgres", llm: "scripted", gateways: 0,
                                   workers: 0, messages: 0),
            startedAt: Date(timeIntervalSince1970: 0), wallSeconds: 0, uptime: 0, probes: 0,
            channels: [Self.measurements(.email, sent: 0, latencies: [])], escalationRate: 0, escalationCorrectness: 0,
            escalationReasons: [:], crossChannelAccuracy: 0, multiChannelPeople: 0, lostMessages: 0, duplicateReplies: 0,
            redeliveries: 0, llmCalls: 0, llmTokens: 0, answeredBy: [:], processKills: 0, faults: [], timeline: [],
            samples: [], objectives: [])
        let text = SimulationReport.text(empty)
        #expect(text.contains("Faults: none were injected"))
        #expect(text.contains("—"))
        let html = SimulationReport.html(empty)
        #expect(html.contains("No traffic was recorded."))
        #expect(html.contains("No processing latency was measured."))
        #expect(html.contains("No faults were injected."))
        #expect(Self.svgBlocks(in: html).isEmpty)
        #expect(try SimulationReport.result(fromJSON: SimulationReport.json(empty)) == empty)

        var noChannels = empty
        noChannels.channels = []
        noChannels.faults = [FaultRecord(kind: .gatewayKill, target: "serve-1", startsAt: 60, endsAt: 60)]
        noChannels.samples = [LatencySample(at: 30, channel: .whatsapp, acknowledgement: 0, processing: nil, delivery: nil)]
        #expect(SimulationReport.text(noChannels).contains("Channels: no messages were measured"))
        let svgs = Self.svgBlocks(in: SimulationReport.html(noChannels))
        #expect(svgs.count == 1, "only the acknowledgement distribution has data")
        #expect(svgs.allSatisfy { XMLParser(data: Data($0.utf8)).parse() })
    }

    // MARK: Formatting

    @Test func formatsDurationsClocksAndTicks() {
        #expect(ReportFormat.duration(nil) == "—")
        #expect(ReportFormat.duration(.nan) == "—")
        #expect(ReportFormat.duration(0.0123) == "12 ms")
        #expect(ReportFormat.duration(0.9996) == "1.00 s")
        #expect(ReportFormat.duration(1.234) == "1.23 s")
        #expect(ReportFormat.duration(12.34) == "12.3 s")
        #expect(ReportFormat.duration(125) == "2 min 5 s")
        #expect(ReportFormat.duration(5400) == "1 h 30 min")
        #expect(ReportFormat.span(0) == "instant")
        #expect(ReportFormat.clock(0) == "00:00")
        #expect(ReportFormat.clock(7 * 3600 + 5 * 60 + 59) == "07:05")
        #expect(ReportFormat.clock(86400) == "24:00")
        #expect(ReportFormat.percent(0.975) == "97.5 %")
        #expect(ReportFormat.percent(1) == "100 %")
        #expect(ReportFormat.count(1_234_567) == "1,234,567")
        #expect(Ticks.linear(upTo: 37, integers: true) == [0, 10, 20, 30, 40])
        #expect(Ticks.linear(upTo: 3, integers: true) == [0, 1, 2, 3])
        #expect(Ticks.linear(upTo: 0) == [0, 1])
        #expect(Ticks.decades(from: 0.004, to: 2.5) == [0.001, 0.01, 0.1, 1, 10])
        #expect(Ticks.clock(span: 86400) == (0...12).map { Double($0) * 7200 })
        #expect(Ticks.clock(span: 3600) == (0...12).map { Double($0) * 300 })
    }

    @Test func percentagesGetTheDecimalsThatSeparateThemFromTheThreshold() {
        let objective = ObjectiveResult(name: "uptime", summary: "", measured: 99.89, comparison: .above, threshold: 99.9, unit: "%")
        #expect(ReportFormat.miss(objective) == "uptime (99.89 % vs > 99.9 %)")
        #expect(ReportFormat.objectiveValue(99.995, of: objective) == "99.995 %", "not rounded up to 100 %")
        #expect(ReportFormat.objectiveValue(100, of: objective) == "100 %")
        #expect(ReportFormat.percent(0.99996) == "99.996 %")
    }

    // MARK: Fixture

    /// A day with three channels (one message without a reply), three faults (a kill, an outage
    /// with a hostile note, an outage not measured) and three missed objectives.
    static func result() -> SimulationResult {
        let hour = 3600.0
        let samples: [LatencySample] = (0..<12).map { i in
            let channel = Channel.allCases[i % 3]
            return LatencySample(
                at: Double(i) * 2 * hour + 600, channel: channel, acknowledgement: 0.01 + Double(i) * 0.004,
                processing: i == 5 ? nil : 0.4 + Double(i) * 0.3, delivery: i == 5 ? nil : 0.2 + Double(i) * 0.05)
        }
        let timeline: [TimelineBucket] = (0..<24).map { h in
            let messages: [String: Int] = h % 8 == 0 ? ["email": 2, "whatsapp": 1, "web_form": 3] : [:]
            return TimelineBucket(startsAt: Double(h) * hour, length: hour, messages: messages,
                                  processingP95: h % 8 == 0 ? 1.5 + Double(h) / 10 : nil)
        }
        return SimulationResult(
            setup: SimulationSetup(hours: 24, speed: 1440, scale: 1, seed: 42, queue: "postgres",
                                   llm: "scripted (300 ms per turn)", gateways: 2, workers: 3, messages: 12),
            startedAt: Date(timeIntervalSince1970: 1_790_073_600), wallSeconds: 75.5, uptime: 0.99995, probes: 1440,
            channels: Channel.allCases.map { channel in
                measurements(channel, sent: 4, latencies: samples.filter { $0.channel == channel })
            },
            escalationRate: 0.25, escalationCorrectness: 0.9, escalationReasons: ["refund_request": 1, "pricing_inquiry": 2],
            crossChannelAccuracy: 1, multiChannelPeople: 3, lostMessages: 2, duplicateReplies: 1, redeliveries: 4,
            llmCalls: 1234, llmTokens: 56789, answeredBy: ["model": 8, "builtin": 1], processKills: 1,
            faults: [
                FaultRecord(kind: .workerKill, target: "work-2", startsAt: 2 * hour, endsAt: 2 * hour,
                            effect: FaultEffect(messages: 3, processingP95: 2.1, deliveryP95: 0.4, note: "restarted in 0.8 s")),
                FaultRecord(kind: .llmOutage, target: "llm", startsAt: 10 * hour, endsAt: 10.5 * hour,
                            effect: FaultEffect(messages: 5, processingP95: 9.5, deliveryP95: nil,
                                                note: "<script>alert(\"x\")</script> & 'retried'")),
                FaultRecord(kind: .twilioOutage, target: "twilio", startsAt: 20 * hour, endsAt: 21 * hour),
            ],
            timeline: timeline, samples: samples,
            objectives: [
                ObjectiveResult(name: "uptime", summary: "gateway uptime from health probes", measured: 99.995,
                                comparison: .above, threshold: 99.9, unit: "%"),
                ObjectiveResult(name: "processing_p95_email", summary: "p95 processing latency, email", measured: 3.4,
                                comparison: .below, threshold: 3, unit: "s"),
                ObjectiveResult(name: "lost_messages", summary: "acknowledged but never answered nor escalated", measured: 2,
                                comparison: .atMost, threshold: 0, unit: "messages"),
                ObjectiveResult(name: "escalation_rate", summary: "escalated / acknowledged", measured: nil,
                                comparison: .below, threshold: 25, unit: "%"),
            ])
    }

    static func measurements(_ channel: Channel, sent: Int, latencies samples: [LatencySample]) -> ChannelMeasurements {
        ChannelMeasurements(
            channel: channel, sent: sent, acknowledged: sent, answered: Swift.max(0, sent - 1), escalated: sent > 0 ? 1 : 0,
            lost: 0, duplicateReplies: 0, deliveryFailures: 0,
            acknowledgement: LatencySummary(of: samples.map(\.acknowledgement)),
            processing: LatencySummary(of: samples.compactMap(\.processing)),
            delivery: LatencySummary(of: samples.compactMap(\.delivery)))
    }

    /// Every `<svg …>…</svg>` block of a page.
    static func svgBlocks(in html: String) -> [String] {
        var blocks: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
