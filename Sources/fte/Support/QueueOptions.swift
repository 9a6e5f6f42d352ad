import ArgumentParser
import FTECore
import Foundation

/// `--kafka-brokers`, shared by the commands on either side of the queue (`fte serve`, `fte work`).
struct QueueOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Kafka bootstrap servers; without them events go through the PostgreSQL queue (env FTE_KAFKA_BROKERS).",
        valueName: "host:port,…"))
    var kafkaBrokers: String?

    /// The queue the flag and the environment choose.
    func queue(environment: [String: String]) -> EventQueue {
        EventQueue(brokersFlag: kafkaBrokers, environment: environment)
    }
}
