import ArgumentParser
import FTECore
import FTEGateway
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `fte work`: the queue consumer and the AI agent.
struct Work: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Process queued messages: identify the customer, run the agent, send the reply.",
        discussion: """
            Consumes the PostgreSQL queue (or Kafka, with --kafka-brokers), stores each message \
            in the CRM, answers it with the model (FTE_LLM_*) or, without one, the built-in \
            responder, and sends the reply through the customer's channel from the outbox. Each \
            inbound message gets exactly one reply or escalation, even across crashes. SIGTERM \
            stops taking messages and lets the ones in flight finish. On --port it serves GET \
            /health (its loops are alive), GET /ready (database reachable, queue consumer \
            running, not draining) and GET /metrics (Prometheus) for Kubernetes and Prometheus.
            """)

    @Option(help: ArgumentHelp(
        "Address the probes and metrics listen on (env FTE_HOST; default 127.0.0.1; 0.0.0.0 in a container).",
        valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp(
        "Port of GET /health, /ready and /metrics; 0 turns them off (env FTE_WORKER_PORT; default 9091).",
        valueName: "port"))
    var port: Int?

    @OptionGroup var options: WorkerOptions
    @OptionGroup(title: "Queue") var queue: QueueOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.serviceLogger("fte.work", environment: environment)
        let (host, port) = try listenAddress(environment)
        // Before any metric is created: metrics made earlier would go nowhere.
        let metrics = PrometheusMetrics.bootstrap()
        try await database.withDatabase(logger: logger) { db in
            try await Serve.requireMigrated(db)
            let httpClient = HTTPClient()
            do {
                let worker = try await options.makeWorker(
                    queue: queue.queue(environment: environment), database: db, httpClient: httpClient,
                    environment: environment, logger: logger)
                FileHandle.standardOutput.write(
                    Data("fte work: processing \(worker.queueDescription), answered by \(worker.responderDescription)\n".utf8))
                logger.info("processing", metadata: ["version": "\(FTEVersion.current)", "native_libraries": "\(NativeLibraries.summary)"])
                // The probes come first so they stop last: /ready answers 503 while the worker drains.
                let probes = port == 0 ? nil : WorkerProbeServer(
                    host: host, port: port, worker: worker.service, metrics: metrics, logger: logger
                ) { bound in
                    let line = "fte work: probes and metrics on http://\(Serve.displayHost(host)):\(bound)/ (/health, /ready, /metrics)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
                let services: [any Service] = (probes.map { [$0] } ?? []) + [worker.service]
                let group = ServiceGroup(configuration: .init(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                try await group.run()
                await httpClient.shutdown()
            } catch {
                await httpClient.shutdown()
                throw error
            }
        }
    }
}

extension Work {
    /// The probes' address from the flags and the environment.
    private func listenAddress(_ environment: [String: String]) throws -> (host: String, port: Int) {
        do {
            let port = try ConfigKey.workerPort.integer(flag: port, environment: environment, default: 9091, in: 0...65535)
            return (ConfigKey.host.resolve(flag: host, environment: environment) ?? "127.0.0.1", port)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
    }
}

/// The worker's flags, shared by `fte work` and `fte serve --with-worker`.
struct WorkerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Messages handled at once (env FTE_WORKER_CONCURRENCY; default 200).", valueName: "n"))
    var concurrency: Int?

    @OptionGroup(title: "Embeddings") var embedder: EmbedderOptions

    /// Builds the worker consuming `queue` from the flags and the environment, reporting bad
    /// settings as usage errors.
    func makeWorker(
        queue: EventQueue, database: Database, httpClient: HTTPClient, environment: [String: String], logger: Logger
    ) async throws -> WorkerAssembly.Worker {
        let configuration: WorkerConfiguration
        do {
            configuration = try WorkerConfiguration.fromEnvironment(environment, concurrencyFlag: concurrency)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
        let embedder = try await embedder.makeEmbedder()
        do {
            return try WorkerAssembly.make(
                configuration: configuration, queue: queue, database: database, httpClient: httpClient, embedder: embedder,
                environment: environment, logger: logger)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
    }
}
