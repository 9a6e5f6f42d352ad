import FTECore
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The HTTP gateway of `fte serve`: the web form, the channel webhooks, health, readiness and
/// metrics, answering a channel only after its event is durable in the queue.
public struct Gateway: Sendable {
    public let configuration: GatewayConfiguration
    let publisher: any EventPublisher
    let database: Database
    let ticketIDs: TicketIDIssuer
    let metrics: PrometheusMetrics
    let gmail: GmailPushIntake?
    let logger: Logger

    /// - Parameters:
    ///   - publisher: the queue (already wrapped for metrics if wanted).
    ///   - metrics: where `/metrics` reads from (``PrometheusMetrics/bootstrap()``).
    ///   - gmail: the Gmail push intake, when Gmail is configured.
    public init(
        configuration: GatewayConfiguration, publisher: any EventPublisher, database: Database,
        ticketIDs: TicketIDIssuer, metrics: PrometheusMetrics, gmail: GmailPushIntake? = nil, logger: Logger
    ) {
        self.configuration = configuration
        self.publisher = publisher
        self.database = database
        self.ticketIDs = ticketIDs
        self.metrics = metrics
        self.gmail = gmail
        self.logger = logger
    }

    /// The router with every route of SPEC.md's HTTP surface that this build serves.
    func buildRouter() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        WebFormController(
            configuration: configuration, publisher: publisher, tickets: TicketStore(database: database),
            ticketIDs: ticketIDs, rateLimiter: SubmissionRateLimiter(perMinute: configuration.submissionsPerMinute)
        ).addRoutes(to: router)
        if let token = configuration.twilioAuthToken {
            WhatsAppController(
                configuration: configuration, validator: TwilioSignatureValidator(authToken: token), publisher: publisher,
                deliveryStatuses: DeliveryStatusStore(database: database)
            ).addRoutes(to: router)
        }
        if let gmail {
            GmailController(configuration: configuration, intake: gmail, publisher: publisher).addRoutes(to: router)
        }
        AdminController(directory: CustomerDirectory(database: database), adminToken: configuration.adminToken)
            .addRoutes(to: router)
        HealthController(database: database, publisher: publisher, metrics: metrics).addRoutes(to: router)
        return router
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting connections, finishes the requests
    /// in flight and flushes the queue.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    /// - Parameter companions: services that run alongside and stop after the server (the
    ///   worker of `fte serve --with-worker`).
    public func run(
        companions: [any Service] = [], onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: QueueDrain(publisher: publisher))]
        services += companions.map { .init(service: $0) }
        if let renewal = gmail?.watchRenewal { services.append(.init(service: renewal)) }
        services.append(.init(service: ListeningService(app, host: configuration.host, port: configuration.port)))
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// Flushes the queue after the HTTP server has stopped (services stop in reverse order).
private struct QueueDrain: Service {
    let publisher: any EventPublisher

    func run() async throws {
        try? await gracefulShutdown()
        await publisher.shutdown()
    }
}
