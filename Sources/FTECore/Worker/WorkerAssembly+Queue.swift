import Logging

extension WorkerAssembly {
    /// The queue `fte work` consumes, described for the start-up line: the Kafka consumer group
    /// when `FTE_KAFKA_BROKERS` is set, else the PostgreSQL queue.
    /// - Throws: ``ConfigError`` for unusable Kafka settings; ``KafkaError`` when the consumer
    ///   cannot subscribe.
    static func eventSource(
        configuration: WorkerConfiguration, database: Database, environment: [String: String], logger: Logger
    ) throws -> (source: any EventSource, description: String) {
        guard ConfigKey.kafkaBrokers.resolve(flag: nil, environment: environment) != nil else {
            return (PostgresEventSource(database: database, lease: configuration.lease, logger: logger), "the PostgreSQL queue")
        }
        do {
            let kafka = try KafkaSettings.consumerConfiguration(environment: environment)
            let source = try KafkaEventSource(configuration: kafka, logger: logger)
            return (source, "Kafka topic \(kafka.topic) at \(kafka.bootstrapServers) (group \(kafka.groupID))")
        } catch let error as KafkaError where error.code == .invalidConfiguration || error.code == .clientCreationFailed {
            throw ConfigError("\(error)")
        }
    }
}
