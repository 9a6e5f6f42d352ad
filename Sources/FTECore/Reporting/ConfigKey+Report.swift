extension ConfigKey {
    /// How long after the agent's answer a new message from the customer counts as reopening it.
    public static let reportReopenWindowHours = ConfigKey(
        "FTE_REPORT_REOPEN_WINDOW_HOURS", "hours after the agent's answer in which a new message from the customer reopens it (default 72)")
    /// Who `fte report --email` sends to when no address is given (the CronJob's setting).
    public static let reportEmail = ConfigKey(
        "FTE_REPORT_EMAIL", "comma-separated addresses fte report --email sends the report to (default: none)")
    /// Cosine similarity at which two questions are grouped as one.
    public static let questionGroupSimilarity = ConfigKey(
        "FTE_QUESTION_GROUP_SIMILARITY", "average cosine similarity (0-1) at which groups of customers' questions merge (default 0.5)")
}

extension ConfigKey {
    /// A number from the flag or the environment, checked against `range`.
    public func number(
        flag: Double? = nil, environment: [String: String], default value: Double, in range: ClosedRange<Double>
    ) throws -> Double {
        let text = flag.map { String($0) } ?? resolve(flag: nil, environment: environment)
        guard let text else { return value }
        guard let number = Double(text), range.contains(number) else {
            let source = flag != nil ? "the flag" : name
            throw ConfigError("\(source) must be a number from \(ReportFormat.trimmed(range.lowerBound, 3)) to \(ReportFormat.trimmed(range.upperBound, 3)) (got \(text))")
        }
        return number
    }
}
