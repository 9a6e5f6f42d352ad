/// The faults of a simulated day, on a schedule fixed before the run (readable in the report).
public struct FaultPlan: Sendable, Codable, Equatable {
    /// One fault to inject.
    public struct Entry: Sendable, Codable, Equatable {
        public var kind: FaultKind
        /// Simulated seconds since the start of the day.
        public var at: Double
        /// Simulated seconds it lasts (0 for a kill).
        public var duration: Double
        /// For kills: which process, as an index into the gateways or the workers. For a
        /// mid-send kill: which provider's send is interrupted, 0 Twilio, 1 Gmail.
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
    /// - a SIGKILL every `killEvery` simulated seconds (the first one half of that in, so a day
    ///   with a kill every 2 hours has 12), of a random gateway or worker (workers twice as
    ///   often: there are more of them);
    /// - with kills, a mid-send kill every `2 × killEvery` (half-way between two kills: 6 a day
    ///   with a kill every 2 hours), alternately of a Twilio and a Gmail send;
    /// - per simulated day, at fixed busy times of day: an LLM outage (10:40, 40 min), a Kafka
    ///   broker down (11:50, 20 min, only when `kafka`), a Twilio outage (12:20, 30 min), an
    ///   LLM slowdown (14:30, 30 min), a database restart (15:20), a Gmail outage (16:10, 30 min).
    public static func standard(
        hours: Double, killEvery: Double, gateways: Int, workers: Int, kafka: Bool, seed: UInt64
    ) -> FaultPlan {
        var random = SeededGenerator(seed: seed ^ 0x6661_756c_7473)
        var entries: [Entry] = []
        let end = hours * 3600
        if killEvery > 0 {
            var at = killEvery / 2
            while at < end {
                let killsWorker = gateways == 0 || (workers > 0 && random.int(below: 3) < 2)
                entries.append(Entry(
                    kind: killsWorker ? .workerKill : .gatewayKill, at: at, duration: 0,
                    processIndex: random.int(below: max(1, killsWorker ? workers : gateways))))
                at += killEvery
            }
            var midSend = killEvery
            var provider = 0
            while midSend < end {
                entries.append(Entry(kind: .midSendKill, at: midSend, duration: 0, processIndex: provider))
                provider = 1 - provider
                midSend += 2 * killEvery
            }
        }
        let daily: [(FaultKind, Double, Double)] = [
            (.llmOutage, 10 * 3600 + 2400, 2400), (.kafkaBrokerDown, 11 * 3600 + 3000, 1200),
            (.twilioOutage, 12 * 3600 + 1200, 1800), (.llmSlowdown, 14 * 3600 + 1800, 1800),
            (.databaseRestart, 15 * 3600 + 1200, 0), (.gmailOutage, 16 * 3600 + 600, 1800),
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
