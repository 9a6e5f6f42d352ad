import ArgumentParser
import FTECore
import FTEGateway
import Foundation
import Logging

/// `fte serve`: the intake gateway.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the intake gateway: the web support form and the channel webhooks.",
        discussion: """
            Serves the web form at / and the HTTP surface of SPEC.md, and queues each verified \
            message in the PostgreSQL queue (or Kafka, with --kafka-brokers). A request is answered 2xx only once its event is \
            committed; when the queue is down the web form gets 503 with Retry-After. SIGTERM \
            stops accepting connections, finishes the requests in flight and exits. Logs are JSON \
            lines on standard error with e-mail addresses and phone numbers masked. With \
            --with-worker the process also runs `fte work` on the same queue (the \
            single-machine setup).
            """)

    @Option(help: ArgumentHelp("Address to listen on (env FTE_HOST; default 127.0.0.1).", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on, 0 for any free port (env FTE_PORT; default 8080).", valueName: "port"))
    var port: Int?

    @Option(help: ArgumentHelp("Externally visible base URL (env FTE_PUBLIC_URL).", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Web-form submissions per client address per minute (env FTE_SUBMISSIONS_PER_MINUTE; default 10).", valueName: "n"))
    var submissionsPerMinute: Int?

    @Option(help: ArgumentHelp(
        "Proxies in front of fte serve that append to X-Forwarded-For, when FTE_TRUST_FORWARDED_FOR is true (env FTE_TRUSTED_PROXIES; default 1).",
        valueName: "n"))
    var trustedProxies: Int?

    @Flag(help: "Also run the worker in this process (the single-machine setup; see fte work).")
    var withWorker = false

    @OptionGroup(title: "Queue") var queueOptions: QueueOptions

    @OptionGroup(title: "Worker (with --with-worker)") var worker: WorkerOptions

    @OptionGroup(title: "Database") var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.serviceLogger("fte.serve", environment: environment)
        let configuration: GatewayConfiguration
        do {
            configuration = try gatewayConfiguration(environment)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
        // Before any metric is created: metrics made earlier would go nowhere.
        let metrics = PrometheusMetrics.bootstrap()
        try await database.withDatabase(logger: logger) { db in
            try await Self.requireMigrated(db)
            let httpClient = HTTPClient()
            do {
                try await serve(db, httpClient, configuration, metrics: metrics, environment: environment, logger: logger)
                await httpClient.shutdown()
            } catch {
                await httpClient.shutdown()
                throw error
            }
        }
    }

    private func serve(
        _ db: Database, _ httpClient: HTTPClient, _ configuration: GatewayConfiguration,
        metrics: PrometheusMetrics, environment: [String: String], logger: Logger
    ) async throws {
        let gmail: GmailPushIntake?
        do {
            gmail = try GmailPushIntake.fromEnvironment(environment, database: db, httpClient: httpClient, logger: logger)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
        let queue = queueOptions.queue(environment: environment)
        let (publisher, queueName) = try queue.makePublisher(database: db, logger: logger)
        let gateway = Gateway(
            configuration: configuration, publisher: publisher, database: db,
            ticketIDs: TicketIDIssuer(secret: ConfigKey.ticketSecret.resolve(flag: nil, environment: environment)),
            metrics: metrics, gmail: gmail, logger: logger)
        let companion = withWorker
            ? try await worker.makeWorker(queue: queue, database: db, httpClient: httpClient, environment: environment, logger: logger)
            : nil
        let workerNote = companion.map { ", worker: \($0.responderDescription)" } ?? ""
        try await gateway.run(companions: companion.map { [$0.service] } ?? []) { port in
            let host = Self.displayHost(configuration.host)
            let line = "fte serve: listening on http://\(host):\(port)/ (web form), queue: \(queueName)\(workerNote)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            logger.info("serving", metadata: ["version": "\(FTEVersion.current)", "native_libraries": "\(NativeLibraries.summary)"])
        }
    }

    private func gatewayConfiguration(_ environment: [String: String]) throws -> GatewayConfiguration {
        var configuration = GatewayConfiguration()
        configuration.host = ConfigKey.host.resolve(flag: host, environment: environment) ?? configuration.host
        configuration.port = try ConfigKey.port.integer(
            flag: port, environment: environment, default: configuration.port, in: 0...65535)
        configuration.submissionsPerMinute = try ConfigKey.submissionsPerMinute.integer(
            flag: submissionsPerMinute, environment: environment,
            default: configuration.submissionsPerMinute, in: 1...1_000_000)
        configuration.maxBodyBytes = try ConfigKey.maxBodyBytes.integer(
            environment: environment, default: configuration.maxBodyBytes, in: 1024...(16 << 20))
        configuration.trustForwardedFor = try ConfigKey.trustForwardedFor.boolean(
            environment: environment, default: false)
        configuration.trustedProxies = try ConfigKey.trustedProxies.integer(
            flag: trustedProxies, environment: environment, default: configuration.trustedProxies, in: 1...16)
        configuration.adminToken = ConfigKey.adminToken.resolve(flag: nil, environment: environment)
        configuration.twilioAuthToken = ConfigKey.twilioAuthToken.resolve(flag: nil, environment: environment)
        if let text = ConfigKey.publicURL.resolve(flag: publicURL, environment: environment) {
            guard let url = PublicBaseURL.parse(text) else {
                throw CommandFailure.usage("--public-url must be an http(s) URL like https://support.example.com (got \(text))")
            }
            configuration.publicURL = url
        }
        return configuration
    }

    /// Refuses to serve on a schema older than this binary.
    static func requireMigrated(_ db: Database) async throws {
        let pending = try await Migrator().status(db).filter { $0.state != .applied }
        guard pending.isEmpty else {
            throw CommandFailure(
                message: "the database schema is not up to date (\(pending.count) migration(s) not applied): run `fte migrate`",
                exitCode: 1)
        }
    }

    static func displayHost(_ host: String) -> String {
        host == "0.0.0.0" || host == "::" ? "localhost" : (host.contains(":") ? "[\(host)]" : host)
    }
}
