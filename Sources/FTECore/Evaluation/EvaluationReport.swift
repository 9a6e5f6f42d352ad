/// The result of `fte eval`: per scenario and overall, pass^1 (the chance one trial passes) and
/// pass^k (the chance all k trials pass), as τ-bench reports them, with the failed expectations.
public struct EvaluationReport: Sendable, Encodable {
    /// One scenario's trials.
    public struct ScenarioResult: Sendable, Encodable {
        public var id: String
        public var description: String?
        public var channel: Channel
        public var trials: Int
        /// Trials that passed every expectation.
        public var passed: Int
        /// `passed / trials`.
        public var passAt1: Double
        /// 1 when every trial passed, else 0.
        public var passAtK: Double
        /// The trials that failed, with what failed.
        public var failures: [TrialFailure]
        /// What each trial's last turn did (who answered, escalation, sources).
        public var outcomes: [TrialOutcome]

        init(scenario: Scenario, outcomes: [TrialOutcome]) {
            id = scenario.id
            description = scenario.description
            channel = scenario.channel
            trials = outcomes.count
            passed = outcomes.count(where: \.passed)
            passAt1 = trials == 0 ? 0 : Double(passed) / Double(trials)
            passAtK = trials > 0 && passed == trials ? 1 : 0
            failures = outcomes.filter { !$0.passed }.map { TrialFailure(trial: $0.trial, failures: $0.failures) }
            self.outcomes = outcomes
        }

        enum CodingKeys: String, CodingKey {
            case id, description, channel, trials, passed, failures, outcomes
            case passAt1 = "pass^1", passAtK = "pass^k"
        }
    }

    /// A failed trial and its failed expectations.
    public struct TrialFailure: Sendable, Encodable {
        public var trial: Int
        public var failures: [String]
    }

    /// Who answered: a model's name or the built-in responder.
    public var responder: String
    /// Trials per scenario (k).
    public var trials: Int
    public var results: [ScenarioResult]

    /// The mean over scenarios of the share of trials that passed.
    public var passAt1: Double { passHat(1) }
    /// The mean over scenarios of "all k trials passed".
    public var passAtK: Double { passHat(trials) }

    /// τ-bench's pass^j for j ≤ k: the mean over scenarios of C(passed, j) / C(k, j), the
    /// chance that j trials drawn from the k all pass.
    public func passHat(_ j: Int) -> Double {
        guard !results.isEmpty, (1...max(trials, 1)).contains(j) else { return 0 }
        let sum = results.reduce(0.0) { $0 + Self.choose($1.passed, j) / Self.choose($1.trials, j) }
        return sum / Double(results.count)
    }

    /// The scenarios with at least one failed trial.
    public var failing: [ScenarioResult] { results.filter { $0.passed < $0.trials } }

    private static func choose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var result = 1.0
        for i in 0..<k { result *= Double(n - i) / Double(i + 1) }
        return result
    }

    enum CodingKeys: String, CodingKey {
        case responder, trials, scenarios, passed, results
        case passAt1 = "pass^1", passAtK = "pass^k", passHat = "pass^j"
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(responder, forKey: .responder)
        try keys.encode(trials, forKey: .trials)
        try keys.encode(results.count, forKey: .scenarios)
        try keys.encode(results.count { $0.passed == $0.trials }, forKey: .passed)
        try keys.encode(Self.rounded(passAt1), forKey: .passAt1)
        try keys.encode(Self.rounded(passAtK), forKey: .passAtK)
        try keys.encode((1...max(trials, 1)).map { Self.rounded(passHat($0)) }, forKey: .passHat)
        try keys.encode(results, forKey: .results)
    }

    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
