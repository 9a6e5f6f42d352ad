import FTECore
import FTEFakes
import Foundation
import Synchronization

/// The `fte serve` and `fte work` processes of the system under test, each restartable after a
/// kill as Kubernetes restarts a pod. Gateways keep their port across restarts.
actor ProcessFleet {
    /// One process slot: its name, command and current process.
    final class Member: @unchecked Sendable {
        // @unchecked: mutated only inside the fleet actor.
        let name: String
        let arguments: [String]
        var port: Int?
        var process: RunningProcess?
        var generation = 0
        /// Set while ``ProcessFleet/killAndRestart(_:)`` runs for it.
        var restarting = false

        init(name: String, arguments: [String]) {
            self.name = name
            self.arguments = arguments
        }
    }

    private let executable: String
    private let environment: [String: String]
    private let logDirectory: URL?
    private(set) var gateways: [Member] = []
    private(set) var workers: [Member] = []

    init(executable: String, environment: [String: String], logDirectory: URL?) {
        self.executable = executable
        self.environment = environment
        self.logDirectory = logDirectory
    }

    /// Starts `gateways` × `fte serve` and `workers` × `fte work`; returns when all are ready.
    func start(gateways gatewayCount: Int, workers workerCount: Int) async throws {
        gateways = (1...max(1, gatewayCount)).map { Member(name: "serve-\($0)", arguments: ["serve", "--host", "127.0.0.1"]) }
        workers = (0..<workerCount).map { Member(name: "work-\($0 + 1)", arguments: ["work"]) }
        for member in gateways + workers { try await launch(member) }
    }

    /// Base URLs of the gateways (`http://127.0.0.1:PORT`).
    var gatewayURLs: [String] { gateways.compactMap { $0.port.map { "http://127.0.0.1:\($0)" } } }

    /// SIGKILLs `member` and starts it again; returns how long it took until it was ready.
    func killAndRestart(_ member: Member) async throws -> Duration {
        let started = ContinuousClock.now
        // Two faults may hit one process at once (a kill and a mid-send kill): the second waits
        // for the first restart, then kills the new process.
        while member.restarting { try await Task.sleep(for: .milliseconds(25)) }
        member.restarting = true
        defer { member.restarting = false }
        if let process = member.process {
            process.signal(SIGKILL)
            let result = try await process.wait()
            saveLog(member, result)
        }
        try await launch(member)
        return ContinuousClock.now - started
    }

    /// The worker whose process holds the connection with local port `clientPort`, if any.
    func worker(connectedFrom clientPort: Int) -> Member? {
        let pids = workers.compactMap { $0.process?.pid }
        guard let pid = SocketOwner.pid(ofLocalPort: clientPort, among: pids) else { return nil }
        return workers.first { $0.process?.pid == pid }
    }

    /// SIGTERMs everything and waits for the processes to exit.
    func stop() async {
        for member in gateways + workers {
            guard let process = member.process else { continue }
            process.signal(SIGTERM)
            if let result = try? await process.wait() { saveLog(member, result) }
            ChildProcesses.forget(process.pid)
            member.process = nil
        }
    }

    private func launch(_ member: Member) async throws {
        var arguments = member.arguments
        if member.name.hasPrefix("serve") { arguments += ["--port", String(member.port ?? 0)] }
        var env = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "FTE_LOG_FORMAT": "text",
            "FTE_LOG_LEVEL": "warning", "FTE_WORKER_PORT": "0",
        ]
        env.merge(environment) { $1 }
        let process = try RunningProcess(executable: executable, arguments: arguments, environment: env)
        if let previous = member.process { ChildProcesses.forget(previous.pid) }
        ChildProcesses.remember(process.pid)
        member.process = process
        member.generation += 1
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await isReady(member, process) { return }
            if !process.isRunning {
                let result = try await process.wait()
                saveLog(member, result)
                throw SimulationError("\(member.name) exited with status \(result.status) while starting: \(Self.lastLine(result.stderr))")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.signal(SIGKILL)
        throw SimulationError("\(member.name) was not ready within 60 s: \(Self.lastLine(process.errorsSoFar))")
    }

    private func isReady(_ member: Member, _ process: RunningProcess) async throws -> Bool {
        if member.name.hasPrefix("work") { return process.outputSoFar.contains("fte work: processing") }
        guard let match = process.outputSoFar.firstMatch(of: /listening on http:\/\/[0-9.]+:([0-9]+)\//) else { return false }
        member.port = Int(match.output.1)
        return true
    }

    private func saveLog(_ member: Member, _ result: RunningProcess.Result) {
        guard let logDirectory else { return }
        let file = logDirectory.appendingPathComponent("\(member.name).\(member.generation).log")
        try? Data((result.stdout + result.stderr).utf8).write(to: file)
    }

    private static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? "(no output)"
    }
}

/// Every `fte serve` and `fte work` the simulator started, so an interrupted run can stop them.
public enum ChildProcesses {
    private static let pids = Mutex(Set<Int32>())

    static func remember(_ pid: Int32) { _ = pids.withLock { $0.insert(pid) } }

    static func forget(_ pid: Int32) { _ = pids.withLock { $0.remove(pid) } }

    /// SIGKILLs every process started and not yet stopped (for SIGINT/SIGTERM handlers).
    public static func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}

/// A failure of the simulation itself (not of the system under test).
public struct SimulationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
