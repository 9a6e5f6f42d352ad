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
    /// How soon the group gives a silent consumer's partitions to the others.
    public static let kafkaSessionTimeout = ConfigKey(
        "FTE_KAFKA_SESSION_TIMEOUT_MS",
        "how long the consumer group waits for a silent (killed) fte work before handing its partitions to the others, milliseconds (default 10000)")
    /// How often a consumer tells the group it is alive, and learns of a rebalance.
    public static let kafkaHeartbeatInterval = ConfigKey(
        "FTE_KAFKA_HEARTBEAT_INTERVAL_MS",
        "how often fte work heartbeats to its consumer group (the others learn of a leaving worker this fast), milliseconds, below the session timeout (default 1000, at most a third of the session timeout)")
    /// How the group spreads partitions over its members.
    public static let kafkaAssignmentStrategy = ConfigKey(
        "FTE_KAFKA_ASSIGNMENT_STRATEGY",
        "partition assignment of the consumer group: cooperative-sticky (members keep their partitions during a rebalance), range or roundrobin (every member stops while the group rebalances) (default cooperative-sticky)")
    /// Static group membership (KIP-345).
    public static let kafkaGroupInstanceID = ConfigKey(
        "FTE_KAFKA_GROUP_INSTANCE_ID",
        "static membership: a name unique and stable per worker (a StatefulSet pod's name), so a restarted worker gets its partitions back without a rebalance; a static member does not leave the group on SIGTERM (default none: dynamic membership)")
    /// The consumer group of `fte work`.
    public static let kafkaGroupID = ConfigKey(
        "FTE_KAFKA_GROUP_ID", "Kafka consumer group of fte work (default \(KafkaConsumerConfiguration.defaultGroupID))")
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

/// What a ``KafkaEventSource`` consumes, and where its dead letters go.
public struct KafkaConsumerConfiguration: Sendable, Equatable {
    /// The group `fte work` joins unless configured otherwise.
    public static let defaultGroupID = "fte-message-processor"
    /// The topic dead letters go to.
    public static let defaultDeadLetterTopic = "fte.dlq"

    /// Bootstrap servers, `host:port[,host:port…]`.
    public var bootstrapServers: String
    /// The topic of inbound events.
    public var topic: String
    public var groupID: String
    public var deadLetterTopic: String
    /// The most records held (fetched and not finished) before fetching pauses.
    public var capacity: Int
    /// How long the dead-letter producer tries to deliver one record.
    public var messageTimeout: Duration
    /// Extra librdkafka properties of the consumer and the dead-letter producer; they override
    /// the defaults (a client ignores, with a warning, the properties of the other kind).
    public var additionalSettings: [String: String]

    public init(
        bootstrapServers: String, topic: String = KafkaProducerConfiguration.defaultTopic,
        groupID: String = Self.defaultGroupID, deadLetterTopic: String = Self.defaultDeadLetterTopic,
        capacity: Int = 10_000, messageTimeout: Duration = .seconds(30), additionalSettings: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.topic = topic
        self.groupID = groupID
        self.deadLetterTopic = deadLetterTopic
        self.capacity = max(1, capacity)
        self.messageTimeout = messageTimeout
        self.additionalSettings = additionalSettings
    }

    /// The producer of dead letters.
    var deadLetterProducer: KafkaProducerConfiguration {
        KafkaProducerConfiguration(
            bootstrapServers: bootstrapServers, topic: deadLetterTopic, messageTimeout: messageTimeout,
            additionalSettings: additionalSettings)
    }
}

/// Builds Kafka configurations from flags and `FTE_KAFKA_*` environment variables.
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

    /// The session timeout of `fte work`'s consumer unless configured: a killed worker's
    /// partitions wait this long (and a rebalance) before another worker takes them. Brokers
    /// accept 6000 and more by default (`group.min.session.timeout.ms`); librdkafka's own
    /// default (45000) leaves them idle for most of a minute. docs/benchmarks.md has the figures.
    public static let defaultSessionTimeoutMilliseconds = 10_000
    /// The heartbeat interval unless configured (capped at a third of the session timeout): how
    /// soon the other members learn of a rebalance, such as the one a leaving worker starts.
    public static let defaultHeartbeatIntervalMilliseconds = 1_000
    /// The partition assignment strategies `FTE_KAFKA_ASSIGNMENT_STRATEGY` accepts; the first is the default.
    public static let assignmentStrategies = ["cooperative-sticky", "range", "roundrobin"]

    /// Resolves the consumer configuration of `fte work`: brokers, topic and message timeout as
    /// for the producer, `FTE_KAFKA_GROUP_ID`, and the group's failover settings
    /// (`FTE_KAFKA_SESSION_TIMEOUT_MS`, `FTE_KAFKA_HEARTBEAT_INTERVAL_MS`,
    /// `FTE_KAFKA_ASSIGNMENT_STRATEGY`, `FTE_KAFKA_GROUP_INSTANCE_ID`).
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming the variable that is wrong.
    public static func consumerConfiguration(environment: [String: String]) throws -> KafkaConsumerConfiguration {
        let producer = try producerConfiguration(environment: environment)
        let session = try milliseconds(
            .kafkaSessionTimeout, environment, default: defaultSessionTimeoutMilliseconds, range: 1_000...3_600_000)
        let heartbeat = try milliseconds(
            .kafkaHeartbeatInterval, environment,
            default: min(defaultHeartbeatIntervalMilliseconds, session / 3), range: 100...(session - 1))
        var additional = [
            "session.timeout.ms": String(session),
            "heartbeat.interval.ms": String(heartbeat),
            "partition.assignment.strategy": try assignmentStrategy(environment),
        ]
        if let instance = try groupInstanceID(environment) {
            additional["group.instance.id"] = instance
        }
        return KafkaConsumerConfiguration(
            bootstrapServers: producer.bootstrapServers, topic: producer.topic,
            groupID: ConfigKey.kafkaGroupID.resolve(flag: nil, environment: environment)
                ?? KafkaConsumerConfiguration.defaultGroupID,
            messageTimeout: producer.messageTimeout, additionalSettings: additional)
    }

    private static func assignmentStrategy(_ environment: [String: String]) throws -> String {
        let key = ConfigKey.kafkaAssignmentStrategy
        guard let text = key.resolve(flag: nil, environment: environment) else { return assignmentStrategies[0] }
        guard assignmentStrategies.contains(text) else {
            throw KafkaError(
                .invalidConfiguration,
                "\(key.name) must be one of \(assignmentStrategies.joined(separator: ", ")) (got \(text))", setting: key.name)
        }
        return text
    }

    /// Kafka takes a group instance id of up to 249 letters, digits, `.`, `_` and `-`, as a topic name.
    private static func groupInstanceID(_ environment: [String: String]) throws -> String? {
        let key = ConfigKey.kafkaGroupInstanceID
        guard let text = key.resolve(flag: nil, environment: environment) else { return nil }
        let allowed = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...249).contains(text.utf8.count) else {
            throw KafkaError(
                .invalidConfiguration,
                "\(key.name) must be 1 to 249 letters, digits, '.', '_' or '-' (a pod name such as fte-worker-0)",
                setting: key.name)
        }
        return text
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
