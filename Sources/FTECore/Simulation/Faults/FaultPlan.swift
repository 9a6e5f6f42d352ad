/// The faults of a simulated day, on a schedule fixed before the run (readable in the report).
public struct FaultPlan: Sendable, Codable, Equatable {
    /// One fault to inject.
    public struct Entry: Sendable, Codable, Equatable {
        public var kind: FaultKind
        /// Simulated seconds since the start of the day.
        public var at: Double
        /// Simulated seconds it lasts (0 for a kill).
        public var duration: Double
        /// For kills: which process, as an index into the gateways or the workers.
        public var processIndex: Int?

        public init(kind: FaultKind, at: Double, duration: Double, processIndex: Int? = nil) {
            self.kind = kind
            self.at = at
            self.duration = duration
            self.processIndex = processIndex
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.at, $0.kind.rawValue) < ($1.at, $1.kind.rawValue) }
    }

    /// The standard schedule for `hours` simulated hours:
    /// - a SIGKILL every `killEvery` simulated seconds (the first one `killEvery` in), of a
    ///   random gateway or worker (workers twice as often: there are more of them);
    /// - per simulated day, at fixed times of day: an LLM outage (05:10, 40 min) and slowdown
    ///   (09:40, 30 min), a Twilio outage (13:20, 30 min), a Gmail outage (16:10, 30 min), a
    ///   Kafka broker down (19:30, 20 min, only when `kafka`), a database restart (21:50).
    public static func standard(
        hours: Double, killEvery: Double, gateways: Int, workers: Int, kafka: Bool, seed: UInt64
    ) -> FaultPlan {
        var random = SeededRandom(seed: seed ^ 0x6661_756c_7473)
        var entries: [Entry] = []
        let end = hours * 3600
        if killEvery > 0 {
            var at = killEvery
            while at < end {
                let killsWorker = gateways == 0 || (workers > 0 && random.next(upTo: 3) < 2)
                entries.append(Entry(
                    kind: killsWorker ? .workerKill : .gatewayKill, at: at, duration: 0,
                    processIndex: random.next(upTo: killsWorker ? workers : gateways)))
                at += killEvery
            }
        }
        let daily: [(FaultKind, Double, Double)] = [
            (.llmOutage, 5 * 3600 + 600, 2400), (.llmSlowdown, 9 * 3600 + 2400, 1800),
            (.twilioOutage, 13 * 3600 + 1200, 1800), (.gmailOutage, 16 * 3600 + 600, 1800),
            (.kafkaBrokerDown, 19 * 3600 + 1800, 1200), (.databaseRestart, 21 * 3600 + 3000, 0),
        ]
        var day = 0.0
        while day < end {
            for (kind, at, duration) in daily where day + at < end && (kind != .kafkaBrokerDown || kafka) {
                entries.append(Entry(kind: kind, at: day + at, duration: duration))
            }
            day += 86_400
        }
        return FaultPlan(entries: entries)
    }
}

/// SplitMix64: a small, fast, seedable generator, so a seed reproduces a run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` ≤ 0).
    public mutating func next(upTo bound: Int) -> Int {
        bound > 0 ? Int(next(upperBound: UInt64(bound))) : 0
    }
}
