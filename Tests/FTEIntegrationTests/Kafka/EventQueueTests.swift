@testable import FTECore
import FTETestSupport
import Logging
import Testing

/// The one choice of queue both commands make: `fte serve`'s publisher and `fte work`'s source.
@Suite(.timeLimit(.minutes(2))) struct EventQueueTests {
    @Test func withoutBrokersBothSidesUseThePostgreSQLQueue() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let queue = EventQueue(brokersFlag: nil, environment: ["FTE_KAFKA_TOPIC": "ignored"])
                #expect(queue.backend == .postgres)
                let (publisher, name) = try queue.makePublisher(database: client, logger: quietLogger)
                #expect(name == "postgres")
                let (source, description) = try queue.makeSource(database: client, lease: .seconds(30), logger: quietLogger)
                #expect(source is PostgresEventSource)
                #expect(description == "the PostgreSQL queue")
                // What the gateway publishes is what the worker takes.
                let event = IncomingEvent(
                    channel: .whatsapp, channelMessageID: "SMqueue1", customer: .init(phone: "+14155550100"), content: "Hello")
                try await publisher.publish(event)
                let taken = try await source.next(limit: 10)
                #expect(try taken.map { try IncomingEvent.decode($0.payload).channelMessageID } == ["SMqueue1"])
                await source.close()
                await publisher.shutdown()
            }
        }
    }

    @Test func brokersSelectKafkaForBothSidesAndTheFlagWins() async throws {
        try await withKafkaCluster { kafka in
            try await withTestDatabase { db in
                try await db.withClient { client in
                    let environment = [
                        "FTE_KAFKA_BROKERS": "127.0.0.1:1", "FTE_KAFKA_TOPIC": kafka.topic, "FTE_KAFKA_GROUP_ID": "workers-b",
                    ]
                    let queue = EventQueue(brokersFlag: kafka.cluster.bootstrapServers, environment: environment)
                    #expect(queue.backend == .kafka(brokers: kafka.cluster.bootstrapServers))
                    let (publisher, name) = try queue.makePublisher(database: client, logger: quietLogger)
                    #expect(name == "kafka \(kafka.topic) at \(kafka.cluster.bootstrapServers)")
                    let (source, description) = try queue.makeSource(database: client, lease: .seconds(30), logger: quietLogger)
                    #expect(source is KafkaEventSource)
                    #expect(description == "Kafka topic \(kafka.topic) at \(kafka.cluster.bootstrapServers) (group workers-b)")
                    await source.close()
                    await publisher.shutdown()
                }
            }
        }
    }

    @Test func unusableKafkaSettingsAreConfigErrorsNamingTheSettingOnTheSideThatReadsIt() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let base = ["FTE_KAFKA_BROKERS": "127.0.0.1:9092"]
                let badProducer = EventQueue(brokersFlag: nil, environment: base.merging(["FTE_KAFKA_MESSAGE_TIMEOUT_MS": "soon"]) { $1 })
                #expect {
                    try badProducer.makePublisher(database: client, logger: quietLogger)
                } throws: { ($0 as? ConfigError)?.message.contains("FTE_KAFKA_MESSAGE_TIMEOUT_MS") == true }
                #expect {
                    try badProducer.makeSource(database: client, lease: .seconds(30), logger: quietLogger)
                } throws: { ($0 as? ConfigError)?.message.contains("FTE_KAFKA_MESSAGE_TIMEOUT_MS") == true }

                // A worker-only setting does not stop the gateway.
                let badConsumer = EventQueue(brokersFlag: nil, environment: base.merging(["FTE_KAFKA_SESSION_TIMEOUT_MS": "-1"]) { $1 })
                let (publisher, _) = try badConsumer.makePublisher(database: client, logger: quietLogger)
                await publisher.shutdown()
                #expect {
                    try badConsumer.makeSource(database: client, lease: .seconds(30), logger: quietLogger)
                } throws: { ($0 as? ConfigError)?.message.contains("FTE_KAFKA_SESSION_TIMEOUT_MS") == true }
            }
        }
    }
}
