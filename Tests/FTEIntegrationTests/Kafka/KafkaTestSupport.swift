import FTECore
import FTETestSupport
import Foundation
import Logging

/// A 3-broker mock cluster with one 6-partition topic, and helpers to publish and read it back.
struct KafkaTestCluster: Sendable {
    let cluster: MockKafkaCluster
    let topic: String

    /// Reconnects after an outage within a second instead of librdkafka's 10 s backoff ceiling.
    static let quickReconnect = ["reconnect.backoff.ms": "100", "reconnect.backoff.max.ms": "1000"]

    init() throws {
        cluster = try MockKafkaCluster(brokers: 3)
        topic = "fte.test." + UUID().uuidString.lowercased().prefix(8)
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
    }

    func makePublisher(messageTimeout: Duration = .seconds(30), extra: [String: String] = [:]) throws
        -> KafkaEventPublisher {
        let configuration = KafkaProducerConfiguration(
            bootstrapServers: cluster.bootstrapServers, topic: topic, messageTimeout: messageTimeout,
            additionalSettings: Self.quickReconnect.merging(extra) { $1 })
        return try KafkaEventPublisher(configuration: configuration, logger: quietLogger)
    }

    /// Reads the topic from the start in a new group until `count` events arrived, then keeps
    /// reading for `settle` to catch duplicates; commits each record.
    func consumeEvents(count: Int, settle: Duration = .seconds(1), within limit: Duration = .seconds(60)) async throws
        -> [(message: KafkaMessage, event: IncomingEvent)] {
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, groupID: "test-" + UUID().uuidString, topics: [topic],
            additionalSettings: Self.quickReconnect, logger: quietLogger)
        var received: [(message: KafkaMessage, event: IncomingEvent)] = []
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var settleDeadline: ContinuousClock.Instant?
        while clock.now < (settleDeadline ?? deadline) {
            if let message = try await consumer.poll(timeout: .milliseconds(200)) {
                received.append((message, try IncomingEvent.decode(message.value)))
                try await consumer.commit(message)
            }
            if settleDeadline == nil, received.count >= count { settleDeadline = clock.now + settle }
        }
        await consumer.close()
        return received
    }

    /// Shuts the cluster down.
    func shutdown() { cluster.shutdown() }
}

/// Runs `body` with a fresh cluster, shutting it down afterwards whatever happens.
func withKafkaCluster<R: Sendable>(_ body: (KafkaTestCluster) async throws -> R) async throws -> R {
    let cluster = try KafkaTestCluster()
    defer { cluster.shutdown() }
    return try await body(cluster)
}

/// Event `sequence` of customer `customer`, with both numbers in its metadata.
func testEvent(customer: Int, sequence: Int) -> IncomingEvent {
    IncomingEvent(
        channel: .email, channelMessageID: "c\(customer)-m\(sequence)",
        customer: .init(email: "customer\(customer)@example.com"), content: "message \(sequence)",
        metadata: ["customer": "\(customer)", "sequence": "\(sequence)"])
}

/// librdkafka logs every refused connection during outages; tests keep it out of their output.
let quietLogger = Logger(label: "fte.kafka.test") { _ in SwiftLogNoOpLogHandler() }
