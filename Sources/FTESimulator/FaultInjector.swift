import FTECore
import FTEFakes
import Foundation
import Synchronization

/// Injects the faults of a ``FaultPlan`` at their simulated times and records what it saw.
final class FaultInjector: Sendable {
    private let plan: FaultPlan
    private let options: SimulationOptions
    private let providers: SimulatedProviders
    private let fleet: ProcessFleet
    private let databaseName: String
    private let records = Mutex([FaultRecord]())

    init(plan: FaultPlan, options: SimulationOptions, providers: SimulatedProviders, fleet: ProcessFleet, databaseName: String) {
        self.plan = plan
        self.options = options
        self.providers = providers
        self.fleet = fleet
        self.databaseName = databaseName
    }

    /// The faults injected so far, in time order.
    var injected: [FaultRecord] { records.withLock { $0.sorted { $0.startsAt < $1.startsAt } } }

    /// Runs the plan from `start` (the real instant of simulated time 0) to its end.
    func run(from start: ContinuousClock.Instant, log: @escaping @Sendable (String) -> Void) async {
        await withDiscardingTaskGroup { group in
            for entry in plan.entries {
                group.addTask {
                    try? await ContinuousClock().sleep(until: start + self.options.real(entry.at))
                    guard !Task.isCancelled else { return }
                    if entry.duration > 0 { log("\(SimulationReport.clock(entry.at)) \(entry.kind.rawValue) begins") }
                    let note = await self.inject(entry)
                    let record = FaultRecord(
                        kind: entry.kind, target: self.target(of: entry), startsAt: entry.at, endsAt: entry.at + entry.duration,
                        effect: FaultEffect(messages: 0, processingP95: nil, deliveryP95: nil, note: note))
                    self.records.withLock { $0.append(record) }
                    log("\(SimulationReport.clock(entry.at)) \(entry.kind.rawValue) \(record.target): \(note)")
                }
            }
        }
    }

    private func inject(_ entry: FaultPlan.Entry) async -> String {
        let duration = options.real(entry.duration)
        switch entry.kind {
        case .workerKill, .gatewayKill:
            let members = entry.kind == .workerKill ? await fleet.workers : await fleet.gateways
            guard !members.isEmpty else { return "skipped: no such process" }
            let member = members[(entry.processIndex ?? 0) % members.count]
            do {
                let restart = try await fleet.killAndRestart(member)
                return "SIGKILL \(member.name); ready again after \(Self.seconds(restart)) s"
            } catch {
                return "SIGKILL \(member.name); restart failed: \(error)"
            }
        case .llmOutage, .llmSlowdown:
            guard let model = providers.model else { return "skipped: the real model is not faulted" }
            let outage = entry.kind == .llmOutage
            outage ? model.setOutage(true) : model.setSlowdown(options.modelSlowdown)
            try? await Task.sleep(for: duration)
            outage ? model.setOutage(false) : model.setSlowdown(.zero)
            return outage
                ? "the model answered 503 to everything for \(Self.seconds(duration)) s real"
                : "the model took \(Self.seconds(options.modelSlowdown)) s longer per turn for \(Self.seconds(duration)) s real"
        case .twilioOutage:
            providers.twilio.setOutage(.error(status: 503, code: 20503, message: "Service Unavailable"))
            try? await Task.sleep(for: duration)
            providers.twilio.setOutage(nil)
            return "Twilio's Messages API answered 503 for \(Self.seconds(duration)) s real"
        case .gmailOutage:
            providers.gmail.setOutage(status: 503)
            try? await Task.sleep(for: duration)
            providers.gmail.setOutage(status: nil)
            return "Gmail's API answered 503 (sync and send) for \(Self.seconds(duration)) s real"
        case .kafkaBrokerDown:
            guard let kafka = providers.kafka else { return "skipped: the brokers are not the simulator's" }
            do {
                try kafka.setBrokerDown(2)
                try? await Task.sleep(for: duration)
                try kafka.setBrokerUp(2)
                return "broker 2 of 3 down for \(Self.seconds(duration)) s real"
            } catch {
                return "could not take broker 2 down: \(error)"
            }
        case .databaseRestart:
            return await restartDatabase()
        case .midSendKill:
            return await killMidSend(gmail: entry.processIndex == 1)
        }
    }

    /// Arms the provider to kill the worker behind its next accepted send before answering, and
    /// waits (up to a minute) for that send.
    private func killMidSend(gmail: Bool) async -> String {
        let provider = gmail ? "Gmail" : "Twilio"
        let (outcomes, continuation) = AsyncStream.makeStream(of: String.self)
        let fleet = fleet
        let kill: @Sendable (Int) async -> Void = { clientPort in
            guard let member = await fleet.worker(connectedFrom: clientPort) else {
                continuation.yield("\(provider) accepted a send from port \(clientPort), which no worker holds; nothing killed")
                return
            }
            do {
                let restart = try await fleet.killAndRestart(member)
                continuation.yield(
                    "SIGKILL \(member.name) after \(provider) accepted its message, before it learnt the id; "
                        + "ready again after \(Self.seconds(restart)) s")
            } catch {
                continuation.yield("SIGKILL \(member.name) mid-send; restart failed: \(error)")
            }
        }
        gmail ? providers.gmail.interruptNextSend(kill) : providers.twilio.interruptNextSend(kill)
        let providers = providers
        let timeout = Task {
            try? await Task.sleep(for: .seconds(60))
            gmail ? providers.gmail.interruptNextSend(nil) : providers.twilio.interruptNextSend(nil)
            continuation.yield("no \(provider) send to interrupt within 60 s")
        }
        var iterator = outcomes.makeAsyncIterator()
        let note = await iterator.next() ?? "cancelled"
        timeout.cancel()
        continuation.finish()
        return note
    }

    private func restartDatabase() async -> String {
        if let command = options.databaseRestartCommand {
            do {
                let started = ContinuousClock.now
                // The restarted server must inherit none of our descriptors: not the output pipes,
                // nor the socket Foundation watches to learn that the command exited.
                let closingEveryDescriptor = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; "#
                let result = try await RunningProcess(
                    executable: "/bin/bash",
                    arguments: ["-c", closingEveryDescriptor + "(\(command)) </dev/null >/dev/null 2>&1"],
                    environment: ProcessInfo.processInfo.environment
                ).wait()
                return result.status == 0
                    ? "restarted the database server (`\(command)`) in \(Self.seconds(ContinuousClock.now - started)) s"
                    : "the restart command failed with status \(result.status)"
            } catch {
                return "the restart command could not run: \(error)"
            }
        }
        do {
            let admin = Database(configuration: try DatabaseConfiguration(url: options.databaseURL, maxConnections: 1))
            defer { Task { await admin.close() } }
            let rows = try await admin.query(
                """
                SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
                WHERE datname = \(databaseName) AND pid <> pg_backend_pid()
                """)
            let count: Int = try rows.first?.decode("n") ?? 0
            return "terminated all \(count) connections to the database, as a restart does"
        } catch {
            return "could not terminate the database connections: \(error)"
        }
    }

    private func target(of entry: FaultPlan.Entry) -> String {
        switch entry.kind {
        case .workerKill: "work-\((entry.processIndex ?? 0) % max(1, options.workers) + 1)"
        case .gatewayKill: "serve-\((entry.processIndex ?? 0) % max(1, options.gateways) + 1)"
        case .llmOutage, .llmSlowdown: "llm"
        case .twilioOutage: "twilio"
        case .gmailOutage: "gmail"
        case .kafkaBrokerDown: "kafka broker 2"
        case .databaseRestart: "database"
        case .midSendKill: entry.processIndex == 1 ? "gmail send" : "twilio send"
        }
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.2f", duration.inSeconds) }
}
