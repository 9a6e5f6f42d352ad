import ArgumentParser
import FTECore
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
            stops taking messages and lets the ones in flight finish.
            """)

    @OptionGroup var options: WorkerOptions
    @OptionGroup(title: "Queue") var queue: QueueOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.serviceLogger("fte.work", environment: environment)
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
                let group = ServiceGroup(configuration: .init(
                    services: [worker.service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                try await group.run()
                await httpClient.shutdown()
            } catch {
                await httpClient.shutdown()
                throw error
            }
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
