extension ConfigKey {
    /// Kafka bootstrap servers.
    public static let kafkaBrokers = ConfigKey(
        "FTE_KAFKA_BROKERS", "Kafka bootstrap servers, host:port[,host:port…] (default 127.0.0.1:9092)")
    /// The topic inbound events go to.
    public static let kafkaTopic = ConfigKey(
        "FTE_KAFKA_TOPIC", "Kafka topic of inbound events (default \(KafkaProducerConfiguration.defaultTopic))")
    /// How long the producer tries to deliver one event before giving up.
    public static let kafkaMessageTimeout = ConfigKey(
        "FTE_KAFKA_MESSAGE_TIMEOUT_MS", "Kafka delivery timeout per event in milliseconds (default 30000)")
    /// How long the producer waits to fill a batch.
    public static let kafkaLinger = ConfigKey(
        "FTE_KAFKA_LINGER_MS", "Kafka producer batching delay in milliseconds (default 1)")
}

/// What a ``KafkaEventPublisher`` connects to and how it delivers.
public struct KafkaProducerConfiguration: Sendable, Equatable {
    /// The topic inbound events go to unless configured otherwise.
    public static let defaultTopic = "fte.tickets.incoming"

    /// Bootstrap servers, `host:port[,host:port…]`.
    public var bootstrapServers: String
    /// The topic events are published to.
    public var topic: String
    /// How long librdkafka tries (with retries) before a publish fails as unavailable.
    /// Keep it below the channel's own deadline (Twilio waits 15 s).
    public var messageTimeout: Duration
    /// How long the producer waits to fill a batch.
    public var linger: Duration
    /// Extra librdkafka properties (e.g. `reconnect.backoff.max.ms`); they override the defaults.
    public var additionalSettings: [String: String]

    public init(
        bootstrapServers: String, topic: String = Self.defaultTopic, messageTimeout: Duration = .seconds(30),
        linger: Duration = .milliseconds(1), additionalSettings: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.topic = topic
        self.messageTimeout = messageTimeout
        self.linger = linger
        self.additionalSettings = additionalSettings
    }

    /// The librdkafka properties of an idempotent, no-loss producer with this configuration.
    var librdkafkaSettings: [(String, String)] {
        let base = [
            ("bootstrap.servers", bootstrapServers),
            ("enable.idempotence", "true"),
            ("acks", "all"),
            ("partitioner", "murmur2_random"),
            ("linger.ms", String(linger.wholeMilliseconds)),
            ("message.timeout.ms", String(messageTimeout.wholeMilliseconds)),
        ]
        return base + additionalSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// Builds a ``KafkaProducerConfiguration`` from flags and `FTE_KAFKA_*` environment variables.
public enum KafkaSettings {
    /// Bootstrap servers used when none are configured.
    public static let localBrokers = "127.0.0.1:9092"

    /// Resolves the producer configuration.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming the variable that is wrong.
    public static func producerConfiguration(
        brokersFlag: String? = nil, environment: [String: String]
    ) throws -> KafkaProducerConfiguration {
        let brokers = ConfigKey.kafkaBrokers.resolve(flag: brokersFlag, environment: environment) ?? localBrokers
        let topic = ConfigKey.kafkaTopic.resolve(flag: nil, environment: environment)
            ?? KafkaProducerConfiguration.defaultTopic
        let timeout = try milliseconds(.kafkaMessageTimeout, environment, default: 30_000, range: 1...900_000)
        let linger = try milliseconds(.kafkaLinger, environment, default: 1, range: 0...900_000)
        return KafkaProducerConfiguration(
            bootstrapServers: brokers, topic: topic, messageTimeout: .milliseconds(timeout),
            linger: .milliseconds(linger))
    }

    private static func milliseconds(
        _ key: ConfigKey, _ environment: [String: String], default value: Int, range: ClosedRange<Int>
    ) throws -> Int {
        do {
            return try key.integer(environment: environment, default: value, in: range)
        } catch let error as ConfigError {
            throw KafkaError(.invalidConfiguration, error.message, setting: key.name)
        }
    }
}
