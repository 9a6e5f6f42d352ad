import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte report` as users run it: the built binary on the fixture day.
@Suite(.timeLimit(.minutes(3))) struct ReportCommandTests {
    static let day = ["--since", "2026-11-10", "--until", "2026-11-11"]

    private func withFixture(_ body: (TestDatabase) async throws -> Void) async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await ReportFixtureDay.insert(into: $0) }
            try await body(db)
        }
    }

    @Test func jsonGivesEveryFigureOfTheDay() async throws {
        try await withFixture { db in
            let result = try await FTEBinary.run(["report"] + Self.day + ["--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try SupportReport.fromJSON(Data(result.stdout.utf8))
            #expect(report.period == ReportFixtureDay.period)
            #expect(report.inboundMessages == 6)
            #expect(report.totalOutcomes.tickets == 6 && report.totalOutcomes.automated == 1 && report.totalOutcomes.reopened == 1)
            #expect(report.customers == CustomerCounts(active: 4, new: 2, multiChannel: 1))
            #expect(report.knowledgeGaps.questions == 1)
            #expect(report.models.map(\.calls) == [3])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect((json["outcomes"] as? [[String: Any]])?.first?["automation_rate"] != nil, "snake_case keys with the rates")
            let gap = ((json["knowledge_gaps"] as? [String: Any])?["groups"] as? [[String: Any]])?.first
            #expect(gap?["ticket_ids"] as? [String] == [ReportFixtureDay.knowledgeGap.uuidString], "acronyms stay whole in keys")
        }
    }

    @Test func textCSVAndHTMLSayTheSame() async throws {
        try await withFixture { db in
            let html = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html")
            defer { try? FileManager.default.removeItem(at: html) }
            let text = try await FTEBinary.run(["report"] + Self.day + ["--html", html.path], environment: ["FTE_DATABASE_URL": db.url])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.hasPrefix("fte report: 2026-11-10 00:00 → 2026-11-11 00:00 UTC (24 h) · all channels"))
            #expect(text.stdout.contains("Automation rate 16.7 %"))
            #expect(text.stdout.contains("Customers: 4 wrote · 2 new · 2 returning · 1 on several channels"))
            #expect(text.stdout.contains(ReportFixtureDay.resolvedByPerson.lowercasedString))
            #expect(text.stdout.contains("How do I export my boards to Trello?"))
            let page = try String(contentsOf: html, encoding: .utf8)
            #expect(page.components(separatedBy: "<svg").count - 1 >= 4, "volume, sentiment, outcomes and gaps charts")
            #expect(page.contains("Automation rate") && page.contains("16.7 %"))

            let csv = try await FTEBinary.run(["report"] + Self.day + ["--format", "csv"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(csv.status == 0)
            let lines = csv.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "section,channel,figure,value")
            #expect(lines.contains("outcomes,all,tickets,6"))
            #expect(lines.contains("volume,web_form,messages_in,2"))
            #expect(lines.contains("sentiment,web_form,unscored,1"))
            #expect(lines.contains("customers,all,multi_channel,1"))
        }
    }

    @Test func emptyPeriodsAndAMissingChannelGiveAClearReport() async throws {
        try await withFixture { db in
            let empty = try await FTEBinary.run(
                ["report", "--since", "2020-01-01", "--until", "2020-01-02"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stdout.contains("No customer messages and no tickets in this period."))
            let oneChannel = try await FTEBinary.run(
                ["report"] + Self.day + ["--channel", "web_form", "--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(oneChannel.status == 0)
            let report = try SupportReport.fromJSON(Data(oneChannel.stdout.utf8))
            #expect(report.channels.map(\.channel) == [.webForm] && report.totalOutcomes.tickets == 2)
        }
    }

    @Test func badUsageIsOneLineAndExit64() async throws {
        let cases: [([String], String)] = [
            (["--since", "yesterday"], "--since"), (["--until", "2026-13-45"], "--until"),
            (["--since", "2026-11-11", "--until", "2026-11-10"], "must be before --until"),
            (["--reopen-window=-5"], "must be a number"), (["--channel", "fax"], "channel"),
            (["--email", "not-an-address"], "--email"), (["--email", "lead@company.example"], "FTE_GMAIL_ADDRESS"),
            (["--gap-groups", "0"], "--gap-groups"),
        ]
        for (arguments, expected) in cases {
            let result = try await FTEBinary.run(
                ["report"] + arguments, environment: ["FTE_DATABASE_URL": TestDatabase.serverURL, "FTE_GMAIL_ADDRESS": ""])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderrLines.count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func aDatabaseThatCannotBeReachedIsExit69() async throws {
        let result = try await FTEBinary.run(
            ["report"], environment: ["FTE_DATABASE_URL": "postgres://fte:secret-password@127.0.0.1:1/fte?connect_timeout=2"])
        #expect(result.status == 69)
        #expect(result.stderrLines.count == 1)
        #expect(!result.stderr.contains("secret-password"))
    }

    @Test func emailSendsTheReportThroughGmailAsTextAndHTML() async throws {
        let gmail = try await FakeGmailServer.start()
        let oauth = try await FakeGoogleOAuthServer.start()
        defer { Task { await gmail.shutdown(); await oauth.shutdown() } }
        try await withFixture { db in
            let result = try await FTEBinary.run(
                ["report"] + Self.day + ["--email", "Lead@Company.example", "--email", "ops@company.example"],
                environment: [
                    "FTE_DATABASE_URL": db.url, "FTE_GMAIL_ADDRESS": "support@fte.example", "FTE_GMAIL_API_BASE": gmail.baseURL,
                    "FTE_GMAIL_CLIENT_ID": oauth.clientID, "FTE_GMAIL_CLIENT_SECRET": oauth.clientSecret,
                    "FTE_GMAIL_REFRESH_TOKEN": oauth.refreshToken, "FTE_GOOGLE_OAUTH_URL": oauth.tokenURL,
                ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("sent the report to lead@company.example, ops@company.example"))
            let sent = gmail.sentMessages
            #expect(sent.count == 2)
            let first = try #require(sent.first)
            #expect(first.email.headers["To"]?.contains("lead@company.example") == true)
            #expect(first.email.headers.decoded("Subject")?.hasPrefix("Support report: 2026-11-10 00:00") == true)
            #expect(first.email.headers["Content-Type"]?.hasPrefix("multipart/alternative; boundary=") == true)
            let body = first.raw.replacingOccurrences(of: "=\r\n", with: "")
            #expect(body.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(body.contains("Content-Type: text/html; charset=utf-8"))
            #expect(body.range(of: "text/plain")!.lowerBound < body.range(of: "text/html")!.lowerBound, "plain text first")
            #expect(body.contains("fte report: 2026-11-10 00:00"))
            #expect(body.contains("<svg"))
        }
    }
}
