import FTECore
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP endpoints of `fte work --port`: `GET /health` (the process and its loops are
/// alive), `GET /ready` (the database answers, the queue consumer runs, not draining) and
/// `GET /metrics` (Prometheus text format). Kubernetes probes the first two and Prometheus
/// scrapes the third; nothing else is served.
///
/// Run it *before* the worker in one `ServiceGroup`: services stop in reverse order, so the
/// probes keep answering — `/ready` with 503 — while the worker drains after SIGTERM.
public struct WorkerProbeServer: Service {
    private let application: ListeningService<Application<RouterResponder<BasicRequestContext>>>

    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public init(
        host: String, port: Int, worker: WorkerService, metrics: PrometheusMetrics, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let router = Router(context: BasicRequestContext.self)
        router.get("/health") { _, _ in
            try HealthController.ProbeBody.response(worker.liveness(), passed: "ok", failed: "failing")
        }
        router.get("/ready") { _, _ in
            try HealthController.ProbeBody.response(await worker.readiness(), passed: "ready", failed: "not ready")
        }
        router.get("/metrics") { _, _ in metrics.response() }
        application = ListeningService(
            Application(
                router: router,
                configuration: .init(address: .hostname(host, port: port), serverName: nil),
                onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
                logger: logger),
            host: host, port: port)
    }

    public func run() async throws {
        try await application.run()
    }
}
