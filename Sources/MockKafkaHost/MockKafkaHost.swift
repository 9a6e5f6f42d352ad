import ArgumentParser
import FTEFakes
import Foundation

/// `fte-mock-kafka`: hosts librdkafka's mock Kafka cluster (real protocol on loopback) for
/// benchmarks and manual runs, where no Kafka is installed. Prints the bootstrap servers on
/// standard output, then serves until it is stopped (SIGTERM or SIGINT).
@main
struct MockKafkaHost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fte-mock-kafka",
        abstract: "Host librdkafka's mock Kafka cluster on loopback and print its bootstrap servers.")

    @Option(help: "Number of brokers.")
    var brokers = 3

    @Option(help: "Topic to create.")
    var topic = "fte.tickets.incoming"

    @Option(help: "Partitions of the topic.")
    var partitions = 6

    func validate() throws {
        guard (1...10).contains(brokers) else { throw ValidationError("--brokers must be 1...10") }
        guard (1...1000).contains(partitions) else { throw ValidationError("--partitions must be 1...1000") }
    }

    func run() throws {
        let cluster = try MockKafkaCluster(brokers: brokers)
        try cluster.createTopic(topic, partitions: partitions, replicationFactor: min(3, brokers))
        FileHandle.standardOutput.write(Data((cluster.bootstrapServers + "\n").utf8))
        // The cluster runs on librdkafka's threads; this one only waits for a stop signal.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        var received: Int32 = 0
        sigwait(&signals, &received)
        cluster.shutdown()
    }
}
