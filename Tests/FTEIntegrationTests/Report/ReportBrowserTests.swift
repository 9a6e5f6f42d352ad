import FTECore
import FTETestSupport
import Foundation
import Testing

/// The HTML report of the fixture day in headless Chromium (Tests/Browser/report_page.py,
/// Selenium): every section, the charts laid out with coloured bars, no console errors, no
/// horizontal overflow; a screenshot in .build/report-screenshots.
@Suite(.timeLimit(.minutes(3))) struct ReportBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/Browser/report_page.py")
    static let screenshots = repository.appendingPathComponent(".build/report-screenshots")

    static var python: String {
        ProcessInfo.processInfo.environment["FTE_BROWSER_PYTHON"]
            ?? repository.appendingPathComponent(".local/venv/bin/python").path
    }

    @Test func theHTMLReportRendersWithChartsAndNoErrorsInHeadlessChromium() async throws {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: Self.python), files.isExecutableFile(atPath: "/usr/bin/chromium") else {
            Issue.record("the browser test needs Selenium in \(Self.python) and /usr/bin/chromium: run scripts/setup.sh")
            return
        }
        try files.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let page = Self.screenshots.appendingPathComponent("fixture-day.html")
        let screenshot = Self.screenshots.appendingPathComponent("fixture-day.png")
        try? files.removeItem(at: screenshot)
        try await withTestDatabase { db in
            try await db.withClient { try await ReportFixtureDay.insert(into: $0) }
            let report = try await FTEBinary.run(
                ["report", "--since", "2026-11-10", "--until", "2026-11-11", "--html", page.path],
                environment: ["FTE_DATABASE_URL": db.url])
            try #require(report.status == 0, "\(report.stderr)")
        }
        let run = try await RunningProcess(
            executable: Self.python, arguments: [Self.script.path, page.path, screenshot.path],
            environment: ProcessInfo.processInfo.environment
        ).wait()
        #expect(run.status == 0, "report_page.py failed (\(run.status)):\n\(run.stderr)\n\(run.stdout)")
        let json = try #require(
            run.stdout.split(separator: "\n").last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any])
        #expect((json["charts"] as? Int ?? 0) >= 4)
        let png = files.contents(atPath: screenshot.path) ?? Data()
        #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "the screenshot is a PNG")
    }
}
