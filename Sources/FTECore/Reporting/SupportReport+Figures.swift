import Foundation

extension SupportReport {
    /// Phrases shared by the text, CSV and HTML renderings, so all three say the same thing.
    enum Figures {
        /// `2026-12-04 06:00 → 2026-12-05 06:00 UTC (24 h) · all channels`.
        static func period(_ period: ReportPeriod) -> String {
            "\(clock(period.since)) → \(clock(period.until)) UTC (\(ReportFormat.duration(period.length)))"
                + " · " + (period.channel.map { "\($0.displayName) only" } ?? "all channels")
        }

        /// `2026-12-04 06:00` in UTC.
        static func clock(_ date: Date) -> String {
            String(PostgresTimestamp.format(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
        }

        /// `0.62`, `—`.
        static func score(_ value: Double?) -> String {
            value.map { ReportFormat.fixed($0, 2) } ?? ReportFormat.missing
        }

        /// `+0.04`, `−0.10`, `—` (no score in one of the periods).
        static func trend(_ current: Double?, _ previous: Double?) -> String {
            guard let current, let previous else { return ReportFormat.missing }
            let change = current - previous
            return (change >= 0 ? "+" : "−") + ReportFormat.fixed(abs(change), 2)
        }

        /// `12 (40 %)` of `total`.
        static func share(_ count: Int, of total: Int) -> String {
            total > 0 ? "\(ReportFormat.count(count)) (\(ReportFormat.percent(Double(count) / Double(total), decimals: 0)))"
                : ReportFormat.count(count)
        }

        /// `4 min / 2 h 10 min` (p50 / p90), `—` without data.
        static func durations(_ summary: DurationSummary) -> String {
            guard summary.count > 0 else { return ReportFormat.missing }
            return ReportFormat.duration(summary.p50) + " / " + ReportFormat.duration(summary.p90)
        }

        /// `840 ms / 2.10 s` (two percentiles of milliseconds).
        static func milliseconds(_ first: Double?, _ second: Double?) -> String {
            guard first != nil || second != nil else { return ReportFormat.missing }
            return ReportFormat.duration(first.map { $0 / 1000 }) + " / " + ReportFormat.duration(second.map { $0 / 1000 })
        }

        /// The name a channel row has; `all` for the totals.
        static func channel(_ channel: Channel?) -> String { channel?.displayName ?? "all" }

        /// The busiest bucket: `14:00 (23 messages)`.
        static func busiest(_ report: SupportReport) -> String? {
            var totals: [Date: Int] = [:]
            for bucket in report.volume { totals[bucket.startsAt, default: 0] += bucket.messages }
            guard let top = totals.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
            return "\(clock(top.key)) (\(ReportFormat.count(top.value)) messages)"
        }
    }
}
