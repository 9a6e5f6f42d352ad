import FTECore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `fte serve` process on a free loopback port, for tests that speak HTTP to it.
public final class RunningGateway: Sendable {
    /// The process.
    public let process: RunningProcess
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL

    private init(process: RunningProcess, baseURL: URL) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts `fte serve --port 0 EXTRA…` and waits until it prints its address.
    public static func start(
        databaseURL: String, arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> RunningGateway {
        var env = ["FTE_DATABASE_URL": databaseURL, "FTE_LOG_LEVEL": "info"]
        env.merge(environment) { $1 }
        let process = try FTEBinary.start(["serve", "--host", "127.0.0.1", "--port", "0"] + arguments, environment: env)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let match = process.outputSoFar.firstMatch(of: /listening on (http:\/\/[0-9.]+:[0-9]+)\//),
                let url = URL(string: String(match.output.1))
            {
                return RunningGateway(process: process, baseURL: url)
            }
            if !process.isRunning {
                let result = try await process.wait()
                throw TestSetupError("fte serve exited with \(result.status): \(result.stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.signal(SIGKILL)
        throw TestSetupError("fte serve did not start within 30 s: \(process.errorsSoFar)")
    }

    /// Runs `body` with a started gateway, stopping it afterwards whatever happens.
    public static func with(
        databaseURL: String, arguments: [String] = [], environment: [String: String] = [:],
        _ body: (RunningGateway) async throws -> Void
    ) async throws {
        let gateway = try await start(databaseURL: databaseURL, arguments: arguments, environment: environment)
        var failure: (any Error)?
        do { try await body(gateway) } catch { failure = error }
        _ = try? await gateway.stop()
        if let failure { throw failure }
    }

    /// Sends SIGTERM and waits for the process to exit.
    @discardableResult
    public func stop() async throws -> FTEBinary.Result {
        process.signal(SIGTERM)
        return try await process.wait()
    }

    /// A response as tests look at it.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// A header, by case-insensitive name.
        public func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// Sends one request to the gateway.
    public func request(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        try await Self.send(method, path, to: baseURL, body: body, headers: headers)
    }

    /// Sends one request to `baseURL` + `path` (a gateway's, or a worker's probes).
    public static func send(
        _ method: String, _ path: String, to baseURL: URL, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// Posts `object` as JSON.
    public func postJSON(_ path: String, _ object: [String: Any], headers: [String: String] = [:]) async throws -> Reply {
        let body = try JSONSerialization.data(withJSONObject: object)
        return try await request("POST", path, body: body, headers: headers.merging(["Content-Type": "application/json"]) { $1 })
    }
}
