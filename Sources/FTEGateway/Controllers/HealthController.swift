import FTECore
import HTTPTypes
import Hummingbird
import Prometheus

/// `GET /health` (the process is up), `GET /ready` (the database and the queue answer) and
/// `GET /metrics` (Prometheus text format).
struct HealthController: Sendable {
    let database: Database
    let publisher: any EventPublisher
    let registry: PrometheusCollectorRegistry
    /// Longest a readiness check may take before it counts as failed.
    var checkTimeout: Duration = .seconds(2)

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/health") { _, _ in try JSONResponses.encode(["status": "ok"]) }
        router.get("/ready", use: ready)
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }

    struct Readiness: Encodable {
        var status: String
        var checks: [String: String]
    }

    @Sendable func ready(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        async let databaseCheck = check { try await database.ping() }
        async let queueCheck = check { try await publisher.checkReady() }
        let checks = ["database": await databaseCheck, "queue": await queueCheck]
        let ready = checks.values.allSatisfy { $0 == "ok" }
        return try JSONResponses.encode(
            Readiness(status: ready ? "ready" : "not ready", checks: checks),
            status: ready ? .ok : .serviceUnavailable)
    }

    /// "ok", or why the check failed (timeouts included).
    private func check(_ body: @escaping @Sendable () async throws -> Void) async -> String {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: checkTimeout)
                    throw ReadinessTimeout()
                }
                try await group.next()
                group.cancelAll()
            }
            return "ok"
        } catch is ReadinessTimeout {
            return "timed out after \(checkTimeout)"
        } catch {
            return "\(error)"
        }
    }

    private struct ReadinessTimeout: Error {}
}
