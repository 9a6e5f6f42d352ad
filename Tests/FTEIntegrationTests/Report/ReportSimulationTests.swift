import FTECore
import FTETestSupport
import Foundation
import Testing

/// After `fte simulate`, `fte report` over the simulated day agrees with the simulation's own
/// counts: messages, answered and escalated per channel, escalations by reason, customers on
/// several channels.
@Suite(.timeLimit(.minutes(6))) struct ReportSimulationTests {
    @Test func theReportOfASimulatedDayAgreesWithTheSimulation() async throws {
        let htmlReport = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: htmlReport) }
        let simulation = try await FTEBinary.run(
            [
                "simulate", "--hours", "1", "--speed", "600", "--gateways", "1", "--workers", "2", "--json", "--keep-database",
                "--kill-every", "0.5", "--seed", "19", "--max-processing-p95", "60", "--min-uptime", "50",
                "--knowledge-base", SampleKnowledgeBase.folder.path, "--questions", SampleKnowledgeBase.questions.path,
                "--report", htmlReport.path,
            ],
            environment: ["FTE_DATABASE_URL": TestDatabase.serverURL])
        let marker = "kept the scratch database "
        let kept = simulation.stderr.split(separator: "\n").compactMap { line in
            line.range(of: marker).map { String(line[$0.upperBound...]) }
        }.first
        let name = try #require(kept, "the simulation names the database it kept: \(simulation.stderr.suffix(2000))")
        do {
            try await compare(simulation, database: name)
            await Self.drop(name)
        } catch {
            await Self.drop(name)
            throw error
        }
    }

    private func compare(_ simulation: FTEBinary.Result, database name: String) async throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(simulation.stdout.utf8)) as? [String: Any],
                                "\(simulation.stderr.suffix(2000))")
        #expect(json["lost_messages"] as? Int == 0)
        let startedAt = try #require((json["started_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })

        var components = try #require(URLComponents(string: TestDatabase.serverURL))
        components.path = "/" + name
        let result = try await FTEBinary.run(
            ["report", "--since", ISO8601DateFormatter().string(from: startedAt.addingTimeInterval(-60)), "--format", "json"],
            environment: ["FTE_DATABASE_URL": components.string!])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try SupportReport.fromJSON(Data(result.stdout.utf8))

        // The simulation counts messages; the report counts tickets. A customer's message that
        // joins their open ticket (a follow-up) is one more message but no new ticket: the
        // kept database says how many there were, so the two tallies can be reconciled exactly.
        let followUps = try await Self.followUps(database: components.string!)
        let channels = try #require(json["channels"] as? [[String: Any]])
        var storedUnacknowledged = 0
        for simulated in channels {
            let channel = try #require((simulated["channel"] as? String).flatMap(Channel.init(rawValue:)))
            let outcome = try #require(report.outcomes.first { $0.channel == channel })
            let figures = try #require(report.channels.first { $0.channel == channel })
            let joined = followUps.filter { $0.channel == channel }
            let joinedEscalated = joined.filter { !$0.reasons.isEmpty }.count
            let acknowledged = try #require(simulated["acknowledged"] as? Int)
            let answered = try #require(simulated["answered"] as? Int)
            let escalated = try #require(simulated["escalated"] as? Int)
            // A message the gateway stored but could not acknowledge before it was killed, whose
            // provider then gave up retrying (possible on a loaded machine; the simulation counts
            // it in `sent`, not in `acknowledged`), is in the database, so the report counts it.
            // Without such messages (the usual case) every figure must match exactly.
            let unacknowledged = try #require(simulated["sent"] as? Int) - acknowledged
            let expected = acknowledged...(acknowledged + unacknowledged)
            #expect(expected.contains(figures.messages), "\(channel) messages: \(figures.messages), acknowledged \(acknowledged)")
            let stored = figures.messages - acknowledged
            storedUnacknowledged += stored
            #expect(outcome.tickets + joined.count == acknowledged + stored, "\(channel): tickets and follow-ups")
            let answeredInReport = outcome.answeredByAgent + joined.count - joinedEscalated
            let escalatedInReport = outcome.escalated + joinedEscalated
            #expect(answeredInReport + escalatedInReport == answered + escalated + stored, "\(channel) answered and escalated")
            #expect((answered...(answered + stored)).contains(answeredInReport), "\(channel) answered")
            #expect((escalated...(escalated + stored)).contains(escalatedInReport), "\(channel) escalated")
        }
        let reasons = try #require(json["escalation_reasons"] as? [String: Int])
        var reported = Dictionary(uniqueKeysWithValues: report.escalationReasons.map { ($0.reason, $0.tickets) })
        for reason in followUps.flatMap(\.reasons) { reported[reason, default: 0] += 1 }
        if storedUnacknowledged == 0 {
            #expect(reported == reasons)
        } else {
            let extra = reported.values.reduce(0, +) - reasons.values.reduce(0, +)
            #expect(reasons.allSatisfy { reported[$0.key, default: 0] >= $0.value } && (0...storedUnacknowledged).contains(extra))
        }
        let people = try #require(json["multi_channel_people"] as? Int)
        #expect(people > 0)
        #expect(json["cross_channel_accuracy"] as? Double == 1)
        #expect(report.customers.multiChannel == people)
        #expect(report.totalOutcomes.answeredByAgent + report.totalOutcomes.escalated == report.totalOutcomes.tickets)
    }

    /// Inbound messages that joined a ticket another message opened: their channel and their
    /// ticket's escalation reasons.
    static func followUps(database url: String) async throws -> [(channel: Channel, reasons: [String])] {
        let database = try Database(configuration: DatabaseConfiguration(url: url, maxConnections: 1))
        let rows: [DatabaseRow]
        do {
            rows = try await database.query(
                """
                SELECT m.channel, (SELECT string_agg(DISTINCT e.reason, ',') FROM escalations e WHERE e.ticket_id = t.id) AS reasons
                FROM messages m JOIN tickets t ON t.id = m.ticket_id
                WHERE m.direction = 'inbound' AND t.source_message_id IS DISTINCT FROM m.id
                """)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        return try rows.map { row in
            let channel = try #require(Channel(rawValue: try row.decode("channel")))
            let reasons = try row.decode("reasons", as: String?.self)?.split(separator: ",").map(String.init) ?? []
            return (channel, reasons)
        }
    }

    static func drop(_ name: String) async {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              let admin = try? Database(configuration: DatabaseConfiguration(url: TestDatabase.serverURL, maxConnections: 1))
        else { return }
        _ = try? await admin.execute(SQLQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        await admin.close()
    }
}
