import FTECore
import FTEFakes
import Foundation

/// Runs a simulated day against the real system: a scratch database, `fte serve` and
/// `fte work` processes from the built binary, fakes for the third parties, the planned traffic
/// and faults; then measures and scores it.
public struct Simulator: Sendable {
    /// What the simulator is doing, for a progress line.
    public enum Progress: Sendable {
        /// A setup or teardown step.
        case step(String)
        /// Traffic: simulated seconds elapsed, messages acknowledged, messages planned.
        case traffic(simulated: Double, acknowledged: Int, planned: Int)
        /// A fault was injected.
        case fault(String)
        /// Waiting for the last replies: how many are unfinished.
        case draining(unfinished: Int)
    }

    public let options: SimulationOptions

    public init(options: SimulationOptions) {
        self.options = options
    }

    /// The planned traffic of this run (reproducible from the seed).
    public func plan() throws -> TrafficPlan {
        let questions = try SampleQuestion.load(from: options.questions)
        let assessor = SentimentAssessor(lexicon: try SentimentLexicon.fromEnvironment(options.environment))
        let volumes = TrafficVolumes().scaled(by: options.scale * options.hours / 24)
        return try TrafficPlan.generate(
            volumes: volumes, hours: options.hours, seed: options.seed, questions: questions,
            sentiment: { assessor.assess($0).score })
    }

    /// Runs the day and returns its scored result.
    public func run(progress: @escaping @Sendable (Progress) -> Void) async throws -> SimulationResult {
        let startedAt = Date()
        let wallStart = ContinuousClock.now
        let plan = try plan()
        progress(.step("creating a scratch database"))
        // A generous connect timeout: a dozen processes connect at once on a busy machine.
        let database = try await ScratchDatabase.create(
            on: options.databaseURL, prefix: "fte_sim_", migrated: false, connectTimeout: 30)
        do {
            let result = try await run(plan, database: database, startedAt: startedAt, wallStart: wallStart, progress: progress)
            if options.keepDatabase {
                progress(.step("kept the scratch database \(database.name)"))
            } else {
                await database.drop()
            }
            return result
        } catch {
            if !options.keepDatabase { await database.drop() }
            throw error
        }
    }

    private func run(
        _ plan: TrafficPlan, database: ScratchDatabase, startedAt: Date, wallStart: ContinuousClock.Instant,
        progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> SimulationResult {
        try await prepare(database, progress: progress)
        progress(.step("starting the fakes and \(options.gateways) × fte serve, \(options.workers) × fte work"))
        let providers = try await SimulatedProviders.start(options)
        var environment = options.environment
        environment.merge(providers.environment(options)) { $1 }
        environment.merge(Self.systemEnvironment(database.url)) { $1 }
        let fleet = ProcessFleet(executable: options.executable, environment: environment, logDirectory: options.logDirectory)
        do {
            try await fleet.start(gateways: options.gateways, workers: options.workers)
            let result = try await simulate(plan, database: database, providers: providers, fleet: fleet,
                                            startedAt: startedAt, wallStart: wallStart, progress: progress)
            await fleet.stop()
            await providers.shutdown()
            return result
        } catch {
            await fleet.stop()
            await providers.shutdown()
            throw error
        }
    }

    /// Migrates and ingests the knowledge base with the real CLI.
    private func prepare(_ database: ScratchDatabase, progress: @escaping @Sendable (Progress) -> Void) async throws {
        var environment = options.environment
        environment["FTE_DATABASE_URL"] = database.url
        progress(.step("migrating"))
        try await runCLI(["migrate"], environment: environment)
        if let knowledgeBase = options.knowledgeBase {
            progress(.step("ingesting the knowledge base \(knowledgeBase.path)"))
            try await runCLI(["kb", "ingest", knowledgeBase.path], environment: environment)
        }
    }

    private func runCLI(_ arguments: [String], environment: [String: String]) async throws {
        let result = try await RunningProcess(executable: options.executable, arguments: arguments, environment: environment).wait()
        guard result.status == 0 else {
            let reason = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
            throw SimulationError("fte \(arguments.joined(separator: " ")) failed: \(reason)")
        }
    }

    /// Settings of the system under test that suit a compressed day.
    static func systemEnvironment(_ databaseURL: String) -> [String: String] {
        [
            "FTE_DATABASE_URL": databaseURL,
            "FTE_TICKET_SECRET": UUID().uuidString,
            // The simulator is the ingress: it forwards each customer's own address.
            "FTE_TRUST_FORWARDED_FOR": "true",
            // A killed worker's events come back within seconds, as the compressed day needs.
            "FTE_WORKER_LEASE_SECONDS": "2",
            // A reply whose sender was killed mid-send is reconciled with the provider after 5 s
            // (the fakes answer at once, so no send outlasts it).
            "FTE_OUTBOX_LEASE_SECONDS": "5",
            // The same on Kafka: a killed worker's partitions move on after 2 s of silence, and
            // the others learn of a rebalance within 0.5 s (docs/benchmarks.md, Kafka failover).
            "FTE_KAFKA_SESSION_TIMEOUT_MS": "2000",
            "FTE_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
            "FTE_AGENT_TIMEOUT_SECONDS": "20",
            "FTE_LLM_TIMEOUT_SECONDS": "10",
        ]
    }

    private func simulate(
        _ plan: TrafficPlan, database: ScratchDatabase, providers: SimulatedProviders, fleet: ProcessFleet,
        startedAt: Date, wallStart: ContinuousClock.Instant, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> SimulationResult {
        let gateways = GatewayService(replicas: await fleet.gatewayURLs)
        defer { Task { await gateways.shutdown() } }
        let origin = Date()
        let driver = TrafficDriver(plan: plan, options: options, providers: providers, gateways: gateways, origin: origin)
        try await driver.primeGmail()
        var faults = FaultPlan.standard(
            hours: options.hours, killEvery: options.killEvery, gateways: options.gateways, workers: options.workers,
            kafka: options.queue != .postgres, seed: options.seed)
        if !options.otherFaults { faults = FaultPlan(entries: faults.entries.filter(\.kind.isProcessKill)) }
        let injector = FaultInjector(
            plan: faults, options: options, providers: providers, fleet: fleet, databaseName: database.name)
        let prober = HealthProber()
        let collector = OutcomeCollector(
            database: Database(configuration: try DatabaseConfiguration(url: database.url, maxConnections: 2)), origin: origin)
        defer { Task { await collector.database.close() } }
        let start = ContinuousClock.now
        let speed = options.speed
        let planned = plan.messages.count
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await prober.run(gateways, every: .milliseconds(100)) }
            group.addTask { await driver.reportTwilioStatuses(via: { await fleet.gatewayURLs }) }
            group.addTask { await injector.run(from: start) { progress(.fault($0)) } }
            group.addTask {
                await driver.run { acknowledged in
                    let simulated = (ContinuousClock.now - start).inSeconds * speed
                    progress(.traffic(simulated: simulated, acknowledged: acknowledged, planned: planned))
                }
            }
            // Traffic and faults end; the probes and status callbacks go on through the drain.
            await group.next()
            await group.next()
            await drain(driver, collector, progress: progress)
            group.cancelAll()
        }
        let outcomes = try await collector.outcomes()
        let recorded = try await collector.providerMessagesAccountedFor()
        let outcomeUnknown = try await collector.failedReplies().filter(providers.have).count
        let deliveries = driver.results
        let observations = plan.messages.map { message in
            let delivery = deliveries[message.id]
            let key = delivery?.channelMessageID.map { "\(message.channel.rawValue):\($0)" }
            return MessageObservation(
                planned: message, firstAttempt: delivery?.firstAttempt ?? 0, acknowledged: delivery?.acknowledged,
                outcome: key.flatMap { outcomes[$0] })
        }
        let setup = SimulationSetup(
            hours: options.hours, speed: options.speed, scale: options.scale, seed: options.seed,
            queue: options.queue == .postgres ? "postgres" : "kafka", llm: modelDescription,
            gateways: options.gateways, workers: options.workers, messages: plan.messages.count)
        let evidence = SimulationEvidence(
            setup: setup, startedAt: startedAt, wallSeconds: (ContinuousClock.now - wallStart).inSeconds,
            observations: observations, personas: plan.personas, probesAnswered: prober.answered, probes: prober.made,
            faults: injector.injected,
            providerDuplicates: [
                // Twilio has no key to tell a resent reply from a second one with the same text: the
                // messages it accepted beyond those the outbox recorded. Gmail's fake counts sends of
                // a Message-ID it already had.
                .whatsapp: max(0, providers.twilio.messages.count - recorded.twilio),
                .email: max(providers.gmail.duplicateSends, providers.gmail.sentMessages.count - recorded.gmail),
            ],
            deliveryOutcomeUnknown: outcomeUnknown,
            redeliveries: driver.redeliveries, llmCalls: providers.model?.calls ?? 0, thresholds: options.thresholds)
        return SimulationScorer.score(evidence)
    }

    /// Waits until every acknowledged message is answered or escalated and the outbox is empty,
    /// or two minutes pass.
    private func drain(_ driver: TrafficDriver, _ collector: OutcomeCollector, progress: @Sendable (Progress) -> Void) async {
        let keys = driver.results.values.compactMap { delivery -> String? in
            guard delivery.acknowledged != nil, let id = delivery.channelMessageID else { return nil }
            return "\(delivery.channel.rawValue):\(id)"
        }
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let pending = (try? await collector.unfinished(keys)) ?? -1
            progress(.draining(unfinished: pending))
            if pending == 0 { return }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private var modelDescription: String {
        switch options.model {
        case .scripted(let latency, let errorRate):
            "scripted (\(latency.wholeMilliseconds) ms per turn, error rate \(String(format: "%.2f", errorRate)))"
        case .real:
            "real (\(options.environment["FTE_LLM_MODEL"] ?? "the configured model"))"
        }
    }
}
