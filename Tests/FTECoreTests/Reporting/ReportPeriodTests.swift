@testable import FTECore
import Foundation
import Testing

/// `--since` and `--until` of `fte report`.
@Suite struct ReportPeriodTests {
    let now = Date(timeIntervalSince1970: 1_794_355_200)  // 2026-11-11T00:00:00Z

    @Test func theDefaultIsTheLast24Hours() throws {
        let period = try ReportPeriod.parse(since: nil, until: nil, now: now)
        #expect(period.until == now && period.length == 86_400)
        #expect(period.previous.until == period.since && period.previous.length == 86_400)
    }

    @Test func datesDateTimesAndAges() throws {
        let period = try ReportPeriod.parse(since: "2026-11-04", until: "2026-11-10T12:00:00Z", now: now)
        #expect(period.since == Date(timeIntervalSince1970: 1_793_750_400))
        #expect(period.until == Date(timeIntervalSince1970: 1_794_312_000))
        #expect(try ReportPeriod.parse(since: "7d", until: nil, now: now).length == 7 * 86_400)
        #expect(try ReportPeriod.parse(since: "90m", until: "30m", now: now).length == 3600)
    }

    @Test(arguments: [("yesterday", nil, "--since"), (nil, "soon", "--until"), ("2026-11-12", nil, "must be before"),
                      ("1h", "2h", "must be before"), ("2026-13-01", nil, "--since")] as [(String?, String?, String)])
    func badValuesNameTheOption(_ since: String?, _ until: String?, _ expected: String) {
        do {
            _ = try ReportPeriod.parse(since: since, until: until, now: now)
            Issue.record("\(String(describing: since)) / \(String(describing: until)) was accepted")
        } catch let error as ConfigError {
            #expect(error.message.contains(expected), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
