import FTECore
import FTETestSupport
import Foundation
import Testing

/// Failover of `fte work` on Kafka: the real binary, two workers in one group on librdkafka's
/// mock cluster (the real broker protocol).
@Suite(.serialized, .timeLimit(.minutes(5))) struct KafkaFailoverTests {
    /// SIGTERM makes a worker give up its partitions and leave its group as soon as its events
    /// in flight are done, and the other worker then processes the events of every partition.
    ///
    /// The leave is read from the worker's own log (its final revoke after the signal) rather
    /// than timed: the mock answers a leave with a rebalance `session timeout − 1 s` later, and
    /// an unlucky heartbeat or commit at its election costs another round, so the handover
    /// times of a leave and of a silent member overlap on a loaded machine (docs/benchmarks.md,
    /// "Kafka failover"); the handover only has a generous bound.
    /// (A leave in the middle of a rebalance restarts the mock's wait, so SIGTERM comes only
    /// once the group is settled.)
    @Test func aWorkerStoppedWithSIGTERMHandsItsPartitionsToTheOther() async throws {
        try await withTestDatabase { db in
            try await withKafkaCluster { kafka in
                try await db.withClient { client in
                    let groupID = "failover-\(UUID().uuidString.prefix(8))"
                    let group: [String: String] = [
                        "FTE_KAFKA_BROKERS": kafka.cluster.bootstrapServers, "FTE_KAFKA_TOPIC": kafka.topic,
                        "FTE_KAFKA_GROUP_ID": groupID,
                        "FTE_KAFKA_SESSION_TIMEOUT_MS": "6000", "FTE_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
                    ]
                    // Started together, so both usually join in the mock's first 3 s round.
                    async let first = RunningWorker.start(databaseURL: db.url, environment: group.merging([
                        "FTE_WORKER_PORT": String(LoopbackPort.unused()), "FTE_LOG_LEVEL": "debug",
                    ]) { $1 })
                    async let second = RunningWorker.start(databaseURL: db.url, environment: group.merging([
                        "FTE_WORKER_PORT": String(LoopbackPort.unused()),
                    ]) { $1 })
                    let (leaving, staying) = try await (first, second)
                    defer { Task { await leaving.kill(); await staying.kill() } }
                    for worker in [leaving, staying] {
                        #expect(try await RunningWorker.waitUntil(timeout: .seconds(90)) {
                            try await worker.probe("/ready").status == 200
                        }, "both workers joined the group")
                    }
                    let publisher = try kafka.makePublisher()
                    defer { Task { await publisher.shutdown() } }
                    // The group is settled once both workers process events (a cooperative
                    // group moves partitions to a late joiner in a second rebalance).
                    var published = 0
                    let settled = try await RunningWorker.waitUntil(timeout: .seconds(150)) {
                        try await Self.publish(customers: published..<(published + 12), to: publisher)
                        published += 12
                        try await Task.sleep(for: .seconds(1))
                        let (first, second) = (try await Self.processed(by: leaving), try await Self.processed(by: staying))
                        return first > 0 && second > 0
                    }
                    #expect(settled, "both workers process events before SIGTERM")
                    #expect(try await Self.storedWithin(.seconds(60), count: published, client))

                    let signalled = ContinuousClock.now
                    let stopped = try await leaving.stop()
                    #expect(stopped.status == 0, "\(stopped.stderr.suffix(1_000))")
                    // The worker's log (on whichever stream it writes) after the signal.
                    let afterSignal = [stopped.stdout, stopped.stderr].compactMap {
                        $0.components(separatedBy: "Signal caught").dropFirst().last
                    }.joined(separator: "\n")
                    #expect(afterSignal.contains("revoked") && afterSignal.contains("kafka rebalance"),
                            "the worker gave its partitions back while closing: \(afterSignal.suffix(2_000))")
                    // 60 customers cover all 6 partitions (each is missed with odds of (5/6)^60).
                    try await Self.publish(customers: published..<(published + 60), to: publisher)
                    let handedOver = try await Self.storedWithin(.seconds(120), count: published + 60, client)
                    #expect(handedOver, "the staying worker processed every partition's events (\(ContinuousClock.now - signalled))")
                }
            }
        }
    }

    @Test(arguments: [
        ("FTE_KAFKA_SESSION_TIMEOUT_MS", "500"), ("FTE_KAFKA_HEARTBEAT_INTERVAL_MS", "fast"),
        ("FTE_KAFKA_ASSIGNMENT_STRATEGY", "sticky"), ("FTE_KAFKA_GROUP_INSTANCE_ID", "pod/0"),
    ])
    func aBadFailoverSettingStopsFteWorkWithOneLineNamingIt(name: String, value: String) async throws {
        try await withTestDatabase { db in
            let result = try await FTEBinary.run(["work"], environment: [
                "FTE_DATABASE_URL": db.url, "FTE_KAFKA_BROKERS": "127.0.0.1:1", "FTE_WORKER_PORT": "0", name: value,
            ])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(name), "\(result.stderr)")
        }
    }

    private static func publish(customers: Range<Int>, to publisher: KafkaEventPublisher) async throws {
        for customer in customers {
            try await publisher.publish(IncomingEvent(
                channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
                customer: .init(email: "failover-\(customer)@example.com"), subject: "A question",
                content: "How do I export my board as a PDF?"))
        }
    }

    /// Web-form messages `worker` has processed, from its `/metrics`.
    private static func processed(by worker: RunningWorker) async throws -> Double {
        let text = try await worker.probe("/metrics").text
        return PrometheusSample.value(of: "fte_worker_processing_seconds_count", ["channel": "web_form"], in: text) ?? 0
    }

    /// Waits until `count` inbound messages are stored.
    private static func storedWithin(_ timeout: Duration, count: Int, _ client: Database) async throws -> Bool {
        try await RunningWorker.waitUntil(timeout: timeout) {
            try await WorkCommandTests.count(client, "SELECT 1 FROM messages WHERE direction = 'inbound'") >= count
        }
    }
}
