import FTECore
import FTETestSupport
import Foundation
import Testing

/// Failover of `fte work` on Kafka: the real binary, two workers in one group on librdkafka's
/// mock cluster (the real broker protocol).
@Suite(.serialized, .timeLimit(.minutes(5))) struct KafkaFailoverTests {
    /// SIGTERM makes a worker leave its group as soon as its events in flight are done, so the
    /// other worker takes its partitions without waiting for the session timeout.
    ///
    /// The mock answers a leave with a rebalance `session timeout − 1 s` later, and drops a
    /// silent member only after the session timeout (checked once a second) and then the same
    /// rebalance wait. With a 10 s session timeout that is about 10 s for a leave against 19 s
    /// or more for a member that stays silent: the 15 s bound separates them with 4–5 s to spare.
    /// (Longer sessions outlast the source's 10 s commit hold, and a commit that meets the
    /// mock's election costs another round.)
    /// (A leave in the middle of a rebalance restarts the mock's wait, so SIGTERM comes only
    /// once the group is settled.)
    @Test func aWorkerStoppedWithSIGTERMHandsItsPartitionsToTheOther() async throws {
        try await withTestDatabase { db in
            try await withKafkaCluster { kafka in
                try await db.withClient { client in
                    let group: [String: String] = [
                        "FTE_KAFKA_BROKERS": kafka.cluster.bootstrapServers, "FTE_KAFKA_TOPIC": kafka.topic,
                        "FTE_KAFKA_GROUP_ID": "failover-\(UUID().uuidString.prefix(8))",
                        "FTE_KAFKA_SESSION_TIMEOUT_MS": "10000", "FTE_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
                    ]
                    // Started together, so both usually join in the mock's first 3 s round.
                    async let first = RunningWorker.start(databaseURL: db.url, environment: group.merging([
                        "FTE_WORKER_PORT": String(LoopbackPort.unused()),
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
                    // 60 customers cover all 6 partitions (each is missed with odds of (5/6)^60).
                    try await Self.publish(customers: published..<(published + 60), to: publisher)
                    let handedOver = try await Self.storedWithin(.seconds(90), count: published + 60, client)
                    let elapsed = ContinuousClock.now - signalled
                    #expect(handedOver, "the staying worker processed every partition's events")
                    #expect(elapsed < .seconds(15), "partitions of the SIGTERMed worker resumed after \(elapsed)")
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
