extension ReportFormat {
    /// An objective's value in its unit: `99.95 %`, `1.25 s`, `2 messages`. Percentages get at most
    /// two decimals, more where rounding would print a value equal to its threshold or 100 %.
    static func objectiveValue(_ value: Double?, of objective: ObjectiveResult) -> String {
        guard let value, value.isFinite else { return "not measured" }
        switch objective.unit {
        case "s":
            return duration(value)
        case "%":
            return percentNumber(value, decimals: 2, distinctFrom: objective.threshold) + " %"
        case "":
            return trimmed(value, 3)
        default:
            return trimmed(value, 3) + " " + objective.unit
        }
    }

    /// The objective's condition: `> 99.9 %`, `< 3.00 s`, `≤ 0 messages`.
    static func objectiveCondition(_ objective: ObjectiveResult) -> String {
        objective.comparison.symbol + " " + objectiveValue(objective.threshold, of: objective)
    }

    /// `uptime (99.5 % vs > 99.9 %)`, as the verdict names a missed objective.
    static func miss(_ objective: ObjectiveResult) -> String {
        "\(objective.name) (\(objectiveValue(objective.measured, of: objective)) vs \(objectiveCondition(objective)))"
    }

    /// The verdict line: `PASS: every objective held` or `FAIL: missed a (…), b (…)`.
    static func verdict(_ result: SimulationResult) -> String {
        let missed = result.missedObjectives
        return missed.isEmpty ? "PASS: every objective held" : "FAIL: missed " + missed.map(miss).joined(separator: ", ")
    }
}
