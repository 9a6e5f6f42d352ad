import FTECore
import Foundation

/// An `fte work` process, for tests and the simulator.
public final class RunningWorker: Sendable {
    /// The process.
    public let process: RunningProcess

    private init(process: RunningProcess) {
        self.process = process
    }

    /// Starts `fte work ARGS…` against `databaseURL` and waits until it says it is processing
    /// (and, with a probe port, until the probes listen). Probes are off unless `environment`
    /// sets `FTE_WORKER_PORT` or `arguments` pass `--port`.
    public static func start(
        databaseURL: String, arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> RunningWorker {
        var env = ["FTE_DATABASE_URL": databaseURL, "FTE_LOG_LEVEL": "info", "FTE_WORKER_PORT": "0"]
        env.merge(environment) { $1 }
        let probesOn = env["FTE_WORKER_PORT"] != "0" || arguments.contains("--port")
        let process = try FTEBinary.start(["work"] + arguments, environment: env)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let worker = RunningWorker(process: process)
            if process.outputSoFar.contains("fte work: processing"), !probesOn || worker.probesURL != nil { return worker }
            if !process.isRunning {
                let result = try await process.wait()
                throw TestSetupError("fte work exited with \(result.status): \(result.stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.signal(SIGKILL)
        throw TestSetupError("fte work did not start within 30 s: \(process.errorsSoFar)")
    }

    /// `http://127.0.0.1:PORT` of the probes and metrics, once the worker said they listen.
    public var probesURL: URL? {
        process.outputSoFar.firstMatch(of: /probes and metrics on (http:\/\/[0-9.]+:[0-9]+)\//)
            .flatMap { URL(string: String($0.output.1)) }
    }

    /// `GET path` on the worker's probes (`/health`, `/ready`, `/metrics`).
    public func probe(_ path: String) async throws -> RunningGateway.Reply {
        guard let probesURL else { throw TestSetupError("fte work serves no probes (FTE_WORKER_PORT=0)") }
        return try await RunningGateway.send("GET", path, to: probesURL)
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    public func kill() async {
        process.signal(SIGKILL)
        _ = try? await process.wait()
    }

    /// Sends SIGTERM and waits for the process to exit.
    @discardableResult
    public func stop() async throws -> FTEBinary.Result {
        process.signal(SIGTERM)
        return try await process.wait()
    }

    /// Waits until `condition` holds (checked every 100 ms) or `timeout` passes.
    /// - Returns: whether it held.
    public static func waitUntil(
        timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
