import Foundation

/// Renders a ``SimulationResult`` for people and machines: the text summary `fte simulate`
/// prints, the `--json` document, and a self-contained HTML page with SVG charts.
public enum SimulationReport {
    /// Simulated seconds since the start of the day as a clock time, `HH:MM`, as the report
    /// prints it (for progress lines and logs).
    public static func clock(_ simulated: Double) -> String { ReportFormat.clock(simulated) }

    /// Figures shared by the text and the HTML renderings.
    enum Figures {
        /// `simulated 24 h at 1440× speed · scale 1 · seed 42`.
        static func run(_ setup: SimulationSetup) -> String {
            "simulated \(ReportFormat.duration(setup.hours * 3600)) at \(ReportFormat.trimmed(setup.speed, 1))× speed"
                + " · scale \(ReportFormat.trimmed(setup.scale, 2)) · seed \(setup.seed)"
        }

        /// `2 gateways, 3 workers`.
        static func processes(_ setup: SimulationSetup) -> String {
            "\(setup.gateways) \(setup.gateways == 1 ? "gateway" : "gateways"), "
                + "\(setup.workers) \(setup.workers == 1 ? "worker" : "workers")"
        }

        /// `12 ms / 40 ms / 85 ms` (p50 / p95 / p99), `—` without samples.
        static func percentiles(_ summary: LatencySummary) -> String {
            guard summary.count > 0 else { return ReportFormat.missing }
            return [summary.p50, summary.p95, summary.p99].map(ReportFormat.duration).joined(separator: " / ")
        }

        /// `2.10 s (+75 %)`: a p95 around a fault compared with the day's.
        static func compared(_ value: Double?, with day: Double?) -> String {
            let text = ReportFormat.duration(value)
            guard let value, let day, value.isFinite, day.isFinite, day > 0 else { return text }
            let ratio = value / day
            if ratio >= 3 { return text + " (×" + ReportFormat.trimmed(ratio, ratio < 10 ? 1 : 0) + ")" }
            let change = (ratio - 1) * 100
            return text + " (" + (change >= 0 ? "+" : "") + ReportFormat.trimmed(change, 0) + " %)"
        }

        /// `pricing_inquiry 5 · refund_request 3`, `none`.
        static func counts(_ pairs: [(String, Int)]) -> String {
            pairs.isEmpty ? "none" : pairs.map { "\($0.0) \(ReportFormat.count($0.1))" }.joined(separator: " · ")
        }
    }
}
