import FTECore
import HTTPTypes
import Hummingbird

/// `GET /health` (the process is up), `GET /ready` (the database and the queue answer) and
/// `GET /metrics` (Prometheus text format).
struct HealthController: Sendable {
    let database: Database
    let publisher: any EventPublisher
    let metrics: PrometheusMetrics

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/health") { _, _ in try JSONResponses.encode(["status": "ok"]) }
        router.get("/ready", use: ready)
        router.get("/metrics") { _, _ in metrics.response() }
    }

    /// The JSON body of a probe: `status` (`ready` / `not ready`, or `ok` / `failing`) and each
    /// check's outcome.
    struct ProbeBody: Encodable {
        var status: String
        var checks: [String: String]

        /// The probe's response: 200 when every check passed, else 503.
        static func response(_ result: ProbeResult, passed: String, failed: String) throws -> Response {
            try JSONResponses.encode(
                ProbeBody(status: result.passed ? passed : failed, checks: result.checks),
                status: result.passed ? .ok : .serviceUnavailable)
        }
    }

    @Sendable func ready(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (database, publisher) = (database, publisher)
        async let databaseCheck = ProbeResult.check { try await database.ping() }
        async let queueCheck = ProbeResult.check { try await publisher.checkReady() }
        let result = ProbeResult(checks: ["database": await databaseCheck, "queue": await queueCheck])
        return try ProbeBody.response(result, passed: "ready", failed: "not ready")
    }
}
