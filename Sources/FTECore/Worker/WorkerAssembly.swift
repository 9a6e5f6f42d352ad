import Logging

/// Builds `fte work` from configuration: the queue, the agent (the model when `FTE_LLM_*` has
/// a key, else the built-in responder), and a sender per configured channel.
public enum WorkerAssembly {
    /// A worker ready to run.
    public struct Worker: Sendable {
        public var service: WorkerService
        /// What it consumes, for the start-up line.
        public var queueDescription: String
        /// Who answers: the model's name, or the built-in responder.
        public var responderDescription: String
    }

    /// Assembles the worker consuming `queue`.
    /// - Throws: ``ConfigError`` for unusable settings; ``SentimentError`` when the sentiment
    ///   lexicon is missing; ``KafkaError`` when the Kafka consumer cannot subscribe.
    public static func make(
        configuration: WorkerConfiguration, queue: EventQueue, database: Database, httpClient: HTTPClient,
        embedder: any Embedder, environment: [String: String], logger: Logger
    ) throws -> Worker {
        let assembly = try AgentAssembly.make(
            database: database, embedder: embedder, tickets: TicketStore(database: database), settings: configuration,
            maxModelConnections: configuration.worker.concurrency, environment: environment, logger: logger)
        let senders = try senders(environment, httpClient: httpClient, companyName: assembly.shaper.companyName)
        let replies = ReplyRecorder(database: database, outbox: Outbox(senders: senders))
        let similarity = try ConfigKey.questionGroupSimilarity.number(
            environment: environment, default: QuestionTopics.defaultSimilarity, in: 0...1)
        let processor = EventProcessor(
            database: database, replies: replies, sentiment: assembly.assessor, agent: assembly.agent,
            shaper: assembly.shaper,
            questionTopics: QuestionTopics(
                database: database, vectors: QuestionVectors(database: database, embedder: embedder), similarity: similarity),
            logger: logger)
        let (source, queueDescription) = try queue.makeSource(database: database, lease: configuration.lease, logger: logger)
        let worker = QueueWorker(source: source, settings: configuration.worker, logger: logger) { event in
            try await processor.process(event.payload)
        }
        let dispatcher = OutboxDispatcher(database: database, senders: senders, settings: configuration.outbox, logger: logger)
        return Worker(
            service: WorkerService(
                worker: worker, source: source, dispatcher: dispatcher, database: database, probes: configuration.probes,
                logger: logger
            ) { await assembly.modelHTTPClient.shutdown() },
            queueDescription: queueDescription, responderDescription: assembly.responderDescription)
    }

    /// A sender per channel: the web always; e-mail with `FTE_GMAIL_ADDRESS`; WhatsApp with
    /// `FTE_TWILIO_ACCOUNT_SID`.
    static func senders(
        _ environment: [String: String], httpClient: HTTPClient, companyName: String
    ) throws -> [Channel: any ReplySender] {
        var email: EmailReplySender?
        if let (mailbox, api) = try GmailAPIClient.fromEnvironment(environment, httpClient: httpClient) {
            email = EmailReplySender(api: api, mailbox: EmailMailbox(name: "\(companyName) Support", address: mailbox))
        }
        var senders: [Channel: any ReplySender] = [.webForm: WebReplySender(email: email)]
        if let email { senders[.email] = email }
        if ConfigKey.twilioAccountSID.resolve(flag: nil, environment: environment) != nil {
            do {
                let settings = try TwilioSettings(environment: environment)
                senders[.whatsapp] = WhatsAppReplySender(client: TwilioMessagesClient(settings: settings, httpClient: httpClient))
            } catch {
                throw ConfigError("\(error)")
            }
        }
        return senders
    }
}
