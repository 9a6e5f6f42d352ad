import FTECore
import Foundation

/// The built `fte` executable, run as a user would run it.
public enum FTEBinary {
    /// The result of one run.
    public typealias Result = RunningProcess.Result

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
