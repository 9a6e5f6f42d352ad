import Foundation

/// The built `fte` executable, run as a user would run it.
public enum FTEBinary {
    /// The result of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Standard error's non-empty lines.
        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The executable: `FTE_BINARY`, or `fte` next to the test bundle in the build folder.
    public static var path: String {
        if let path = ProcessInfo.processInfo.environment["FTE_BINARY"] { return path }
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL, bundleDirectory] {
            let url = candidate.appendingPathComponent("fte")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return bundleDirectory.appendingPathComponent("fte").path
    }

    /// Runs `fte ARGS…` with `environment` added to a minimal environment and waits for it.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await start(arguments, environment: environment).wait()
    }

    /// Starts `fte ARGS…` without waiting.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestSetupError("the fte binary is not at \(path): build it first (scripts/test.sh does)")
        }
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "USER": "tester"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        env.merge(environment) { $1 }
        return try RunningProcess(executable: path, arguments: arguments, environment: env)
    }
}

/// A child process whose output is collected in the background.
public final class RunningProcess: @unchecked Sendable {
    // @unchecked: `process` and the pipes are only touched by `wait()`, which Foundation
    // makes safe to call from any thread; the output buffers are guarded by `lock`.
    private let process = Process()
    private let outPipe = Pipe()
    private let errPipe = Pipe()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    /// Starts `executable ARGS…` with exactly `environment` (any program, e.g. a browser script).
    public init(executable: String, arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { process.isRunning }

    /// Standard output received so far.
    public var outputSoFar: String { lock.withLock { String(decoding: out, as: UTF8.self) } }

    /// Standard error received so far.
    public var errorsSoFar: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Sends a signal (e.g. SIGKILL).
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit and returns status and output.
    public func wait() async throws -> FTEBinary.Result {
        let process = process
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        outPipe.fileHandleForReading.readabilityHandler = nil
        errPipe.fileHandleForReading.readabilityHandler = nil
        let restOut = (try? outPipe.fileHandleForReading.readToEnd()) ?? nil
        let restErr = (try? errPipe.fileHandleForReading.readToEnd()) ?? nil
        return lock.withLock {
            if let restOut { out.append(restOut) }
            if let restErr { err.append(restErr) }
            return FTEBinary.Result(
                status: process.terminationStatus,
                stdout: String(decoding: out, as: UTF8.self),
                stderr: String(decoding: err, as: UTF8.self))
        }
    }
}
