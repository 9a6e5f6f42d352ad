import Logging

/// The queue between `fte serve` and `fte work`, chosen in one place for both: a Kafka topic
/// when brokers are configured (`--kafka-brokers`, else `FTE_KAFKA_BROKERS`), otherwise the
/// PostgreSQL queue (the single-machine default).
///
/// ```swift
/// let queue = EventQueue(brokersFlag: nil, environment: ProcessInfo.processInfo.environment)
/// let (publisher, name) = try queue.makePublisher(database: database, logger: logger)  // fte serve
/// let (source, description) = try queue.makeSource(database: database, lease: .seconds(30), logger: logger)  // fte work
/// ```
public struct EventQueue: Sendable {
    /// Which queue.
    public enum Backend: Sendable, Equatable {
        /// The `event_queue` table of the fte database.
        case postgres
        /// A Kafka topic on these bootstrap servers.
        case kafka(brokers: String)
    }

    public let backend: Backend
    /// Where the Kafka settings (`FTE_KAFKA_*`) are read when a publisher or source is made: the
    /// gateway reads only the producer's, a worker only the consumer's.
    private let environment: [String: String]

    /// - Parameter brokersFlag: `--kafka-brokers`, which wins over `FTE_KAFKA_BROKERS`.
    public init(brokersFlag: String?, environment: [String: String]) {
        var environment = environment
        if let brokersFlag, !brokersFlag.isEmpty { environment[ConfigKey.kafkaBrokers.name] = brokersFlag }
        self.environment = environment
        backend = ConfigKey.kafkaBrokers.resolve(flag: nil, environment: environment).map { .kafka(brokers: $0) } ?? .postgres
    }

    /// The publisher `fte serve` queues events with, recording `fte_queue_publish_*` metrics
    /// under the backend's name, and the queue's name for the start-up line.
    /// - Throws: ``ConfigError`` naming an unusable producer setting, or when librdkafka refuses one.
    public func makePublisher(database: Database, logger: Logger) throws -> (publisher: any EventPublisher, name: String) {
        guard case .kafka = backend else {
            return (MeteredEventPublisher(PostgresEventPublisher(database: database), backend: "postgres"), "postgres")
        }
        do {
            let producer = try KafkaSettings.producerConfiguration(environment: environment)
            let kafka = try KafkaEventPublisher(configuration: producer, logger: logger)
            return (MeteredEventPublisher(kafka, backend: "kafka"), "kafka \(producer.topic) at \(producer.bootstrapServers)")
        } catch let error as KafkaError where error.code == .invalidConfiguration {
            throw ConfigError(error.description)
        }
    }

    /// The source `fte work` consumes — the PostgreSQL queue with leases of `lease`, or the
    /// Kafka consumer group — and its description for the start-up line.
    /// - Throws: ``ConfigError`` naming an unusable consumer setting, or when librdkafka refuses
    ///   one; ``KafkaError`` when the consumer cannot subscribe.
    public func makeSource(database: Database, lease: Duration, logger: Logger) throws -> (source: any EventSource, description: String) {
        guard case .kafka = backend else {
            return (PostgresEventSource(database: database, lease: lease, logger: logger), "the PostgreSQL queue")
        }
        do {
            let consumer = try KafkaSettings.consumerConfiguration(environment: environment)
            let source = try KafkaEventSource(configuration: consumer, logger: logger)
            return (source, "Kafka topic \(consumer.topic) at \(consumer.bootstrapServers) (group \(consumer.groupID))")
        } catch let error as KafkaError where error.code == .invalidConfiguration || error.code == .clientCreationFailed {
            throw ConfigError(error.description)
        }
    }
}
