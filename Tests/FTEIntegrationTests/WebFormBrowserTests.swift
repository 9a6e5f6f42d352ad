import FTECore
import FTETestSupport
import Foundation
import Testing

/// The web form in headless Chromium (Tests/Browser/web_form.py, Selenium): fill, submit, see the
/// ticket id; empty and invalid fields show the server's messages; a submission whose answer is
/// lost is sent again with the same `submission_id`; a screenshot of each state.
@Suite(.timeLimit(.minutes(3))) struct WebFormBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/Browser/web_form.py")
    static let screenshots = repository.appendingPathComponent(".build/web-form-screenshots")
    static let expectedScreenshots = [
        "1-idle.png", "2-empty-errors.png", "3-invalid.png", "4-success.png", "5-tracking.png",
    ]
    static let chromium = "/usr/bin/chromium"

    /// `FTE_BROWSER_PYTHON` (scripts/test.sh sets it), else the venv scripts/setup.sh makes.
    static var python: String {
        ProcessInfo.processInfo.environment["FTE_BROWSER_PYTHON"]
            ?? repository.appendingPathComponent(".local/venv/bin/python").path
    }

    @Test func theFormIsFilledSubmittedAndTrackedInHeadlessChromium() async throws {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: Self.python), files.isExecutableFile(atPath: Self.chromium) else {
            Issue.record("""
                the browser test needs Selenium in \(Self.python) and \(Self.chromium): \
                run scripts/setup.sh (or set FTE_BROWSER_PYTHON)
                """)
            return
        }
        // Screenshots of an earlier run must not pass for this run's.
        try? files.removeItem(at: Self.screenshots)
        print("web form screenshots: \(Self.screenshots.path)")

        try await withTestDatabase { db in
            let gateway = try await RunningGateway.start(databaseURL: db.url)
            let run: FTEBinary.Result
            do {
                run = try await RunningProcess(
                    executable: Self.python,
                    arguments: [Self.script.path, gateway.baseURL.absoluteString, Self.screenshots.path],
                    environment: ProcessInfo.processInfo.environment
                ).wait()
                try await gateway.stop()
            } catch {
                _ = try? await gateway.stop()
                throw error
            }
            try #require(run.status == 0, "web_form.py failed (\(run.status)):\n\(run.stderr)\n\(run.stdout)")

            let report = try #require(run.stdout.split(separator: "\n").last.map { Data($0.utf8) })
            let json = try JSONSerialization.jsonObject(with: report) as? [String: Any]
            let ticketID = try #require(json?["ticket_id"] as? String, "no ticket_id in \(run.stdout)")
            #expect(UUID(uuidString: ticketID) != nil, "\(ticketID)")

            let queued = try await db.withClient {
                try await $0.query("""
                    SELECT count(*)::int AS n FROM event_queue
                    WHERE channel = 'web_form' AND channel_message_id = \(ticketID)
                    """)[0].decode("n", as: Int.self)
            }
            #expect(queued == 1, "ticket \(ticketID) is not in event_queue")
            // Only the valid submission reached the queue, once though the page sent it twice (its
            // first answer lost); the empty and invalid ones were refused.
            let total = try await db.withClient {
                try await $0.query("SELECT count(*)::int AS n FROM event_queue")[0].decode("n", as: Int.self)
            }
            #expect(total == 1)
        }

        let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        for name in Self.expectedScreenshots {
            let path = Self.screenshots.appendingPathComponent(name).path
            let data = files.contents(atPath: path) ?? Data()
            #expect(data.count > 1000 && data.prefix(8) == pngSignature, "\(path) is missing or not a PNG")
        }
    }
}
