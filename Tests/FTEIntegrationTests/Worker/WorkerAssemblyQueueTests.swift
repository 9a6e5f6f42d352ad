@testable import FTECore
import FTETestSupport
import Logging
import Testing

/// Which queue `fte work` consumes.
@Suite(.timeLimit(.minutes(2))) struct WorkerAssemblyQueueTests {
    @Test func brokersSelectTheKafkaGroupElseThePostgreSQLQueue() async throws {
        try await withKafkaCluster { kafka in
            try await withTestDatabase { db in
                try await db.withClient { client in
                    let configuration = WorkerConfiguration()
                    let postgres = try WorkerAssembly.eventSource(
                        configuration: configuration, database: client, environment: [:], logger: quietLogger)
                    #expect(postgres.source is PostgresEventSource)
                    #expect(postgres.description == "the PostgreSQL queue")
                    await postgres.source.close()

                    let environment = ["FTE_KAFKA_BROKERS": kafka.cluster.bootstrapServers, "FTE_KAFKA_TOPIC": kafka.topic]
                    let grouped = try WorkerAssembly.eventSource(
                        configuration: configuration, database: client,
                        environment: environment.merging(["FTE_KAFKA_GROUP_ID": "workers-b"]) { $1 }, logger: quietLogger)
                    #expect(grouped.source is KafkaEventSource)
                    #expect(grouped.description == "Kafka topic \(kafka.topic) at \(kafka.cluster.bootstrapServers) (group workers-b)")
                    await grouped.source.close()

                    #expect {
                        try WorkerAssembly.eventSource(
                            configuration: configuration, database: client,
                            environment: environment.merging(["FTE_KAFKA_MESSAGE_TIMEOUT_MS": "soon"]) { $1 }, logger: quietLogger)
                    } throws: { error in
                        (error as? ConfigError)?.message.contains("FTE_KAFKA_MESSAGE_TIMEOUT_MS") == true
                    }
                }
            }
        }
    }
}
