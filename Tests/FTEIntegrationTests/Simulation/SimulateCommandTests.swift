import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte simulate` run as users run it: the real binary starting `fte serve` and `fte work`.
@Suite(.timeLimit(.minutes(5))) struct SimulateCommandTests {
    static func simulate(_ extra: [String]) async throws -> (FTEBinary.Result, [String: Any], String) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let result = try await FTEBinary.run(
            [
                "simulate", "--hours", "1", "--speed", "600", "--gateways", "2", "--workers", "2", "--json",
                "--knowledge-base", SampleKnowledgeBase.folder.path, "--questions", SampleKnowledgeBase.questions.path,
                "--report", report.path,
            ] + extra,
            environment: ["FTE_DATABASE_URL": TestDatabase.serverURL])
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        let html = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        return (result, json, html)
    }

    @Test func aShortDayWithKillsLosesNothingAndNeverRepliesTwice() async throws {
        // A handful of messages in one hour: one caught by a kill waits out its lease, which
        // decides a p95 (and the delivery p99) of so few, and one slow probe among ~70 (the suite
        // loads the machine) decides the uptime; latency and uptime are judged on the full day CI runs.
        let (result, json, html) = try await Self.simulate(
            ["--kill-every", "0.3", "--seed", "5", "--max-processing-p95", "30", "--max-delivery-p99", "90", "--min-uptime", "50"])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.suffix(2000))")
        #expect(json["passed"] as? Bool == true, "missed \(json["missed_objectives"] ?? "?")")
        #expect(json["lost_messages"] as? Int == 0)
        #expect(json["duplicate_replies"] as? Int == 0)
        #expect((json["process_kills"] as? Int ?? 0) >= 3)
        // Workers killed after the provider took their reply and before they learnt it: the
        // outbox reconciles, so neither a duplicate (counted by the fakes) nor an escalation.
        let midSend = (json["faults"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "mid_send_kill" }
        #expect(midSend.count == 2)
        #expect(midSend.contains { (($0["effect"] as? [String: Any])?["note"] as? String ?? "").hasPrefix("SIGKILL work-") },
                "\(midSend)")
        #expect(json["delivery_outcome_unknown"] as? Int == 0)
        let channels = json["channels"] as? [[String: Any]] ?? []
        #expect(channels.reduce(0) { $0 + ($1["acknowledged"] as? Int ?? 0) } == (json["setup"] as? [String: Any])?["messages"] as? Int)
        #expect(html.contains("<svg"), "the HTML report has charts")
    }

    @Test func aFailingModelWithoutKnowledgeFailsNamingTheObjective() async throws {
        let (result, json, _) = try await Self.simulate(["--kill-every", "0", "--llm-error-rate", "1", "--no-knowledge-base"])
        #expect(result.status == 1)
        #expect(
            (json["missed_objectives"] as? [String] ?? []).contains("escalation_rate"),
            "\(result.stderr.suffix(2000))\n\(result.stdout.suffix(1000))")
        #expect(json["lost_messages"] as? Int == 0, "escalated, not lost")
    }

    @Test func badUsageIsOneLine() async throws {
        let result = try await FTEBinary.run(["simulate", "--hours", "0"], environment: ["FTE_DATABASE_URL": TestDatabase.serverURL])
        #expect(result.status == 64)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("--hours"))
    }
}
