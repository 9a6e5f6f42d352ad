import Foundation

/// The stretch of time a report covers, `[since, until)`, optionally one channel only.
public struct ReportPeriod: Sendable, Equatable, Codable {
    public var since: Date
    public var until: Date
    /// Only this channel's messages and tickets; `nil` for all.
    public var channel: Channel?

    public init(since: Date, until: Date, channel: Channel? = nil) {
        self.since = since
        self.until = until
        self.channel = channel
    }

    /// The last `hours` hours up to `now`.
    public static func last(hours: Double, now: Date = Date(), channel: Channel? = nil) -> ReportPeriod {
        ReportPeriod(since: now.addingTimeInterval(-hours * 3600), until: now, channel: channel)
    }

    /// The period's length, seconds.
    public var length: TimeInterval { until.timeIntervalSince(since) }

    /// The period of the same length just before this one (for trends).
    public var previous: ReportPeriod {
        ReportPeriod(since: since.addingTimeInterval(-length), until: since, channel: channel)
    }

    /// Parses `--since` and `--until`: each an ISO 8601 date (`2026-11-24`, midnight UTC), a
    /// date-time (`2026-11-24T08:00:00Z`), or an age before `now` (`90m`, `24h`, `7d`, `2w`).
    /// Without `--since`, the `defaultLength` (seconds; a day) before `until`; without
    /// `--until`, `now`.
    /// - Throws: ``ConfigError`` naming the option for text that is none of these, or a period
    ///   that does not end after it starts.
    public static func parse(
        since: String?, until: String?, channel: Channel? = nil, defaultLength: TimeInterval = 86_400, now: Date = Date()
    ) throws -> ReportPeriod {
        func date(_ text: String, _ option: String) throws -> Date {
            guard let date = TicketFilter.parseSince(text, now: now) else {
                throw ConfigError(
                    "\(option) must be a date (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age (24h, 7d) (got \(text))")
            }
            return date
        }
        let end = try until.map { try date($0, "--until") } ?? now
        let start = try since.map { try date($0, "--since") } ?? end.addingTimeInterval(-defaultLength)
        guard start < end else {
            throw ConfigError(
                "--since (\(PostgresTimestamp.format(start))) must be before --until (\(PostgresTimestamp.format(end)))")
        }
        return ReportPeriod(since: start, until: end, channel: channel)
    }

    /// ` AND <column> >= since AND <column> < until`, and the channel condition on
    /// `channelColumn` when one channel is asked for.
    func conditions(time column: SQLQuery, channel channelColumn: SQLQuery? = nil) -> SQLQuery {
        var clause: SQLQuery = " AND \(fragment: column) >= \(since) AND \(fragment: column) < \(until)"
        if let channelColumn, let channel { clause.append(" AND \(fragment: channelColumn) = \(channel.rawValue)") }
        return clause
    }
}
