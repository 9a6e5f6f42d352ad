/// The answer of a health or readiness probe: each check's outcome ("ok" or why not).
public struct ProbeResult: Sendable, Equatable {
    /// `ok`, or why not.
    public var checks: [String: String]

    public init(checks: [String: String]) {
        self.checks = checks
    }

    /// Every check passed.
    public var passed: Bool { checks.values.allSatisfy { $0 == Self.ok } }

    /// A check's outcome when it passed.
    public static let ok = "ok"

    /// Runs `body` with a time limit: ``ok``, or why it failed (a timeout included).
    public static func check(
        timeout: Duration = .seconds(2), _ body: @escaping @Sendable () async throws -> Void
    ) async -> String {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw ProbeTimeout()
                }
                try await group.next()
                group.cancelAll()
            }
            return ok
        } catch is ProbeTimeout {
            return "timed out after \(timeout)"
        } catch {
            return "\(error)"
        }
    }

    private struct ProbeTimeout: Error {}
}
