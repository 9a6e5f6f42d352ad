import FTECore
import FTETestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// `KafkaEventSource` against librdkafka's mock cluster (3 brokers, a 6-partition topic). The
/// mock's group coordinator waits about 3 s before its first assignment.
@Suite(.timeLimit(.minutes(2))) struct KafkaEventSourceTests {
    @Test func offsetsAreCommittedOnlyBelowTheLowestUnfinishedRecord() async throws {
        try await withKafkaCluster { kafka in
            // Round by round, so that in every partition each round follows the previous one.
            let publisher = try kafka.makePublisher()
            for sequence in 0..<4 {
                for customer in 0..<8 {
                    try await publisher.publish(testEvent(customer: customer, sequence: sequence))
                }
            }
            await publisher.shutdown()

            // Rounds 0 and 1 are completed, each batch in reverse order (so out of order across
            // customers), except customer 0's round 1; round 2 stays in process; round 3 is
            // never handed out, since round 2 holds each customer back.
            let first = try kafka.makeSource()
            var held: [Handed] = []
            var completed = 0
            try await first.drive(until: { held.count == 8 && completed == 15 }) { batch in
                for event in batch.reversed() {
                    let handed = try Handed(event)
                    if handed.sequence >= 2 || (handed.customer == 0 && handed.sequence == 1) {
                        held.append(handed)
                    } else {
                        try await first.complete(event)
                        completed += 1
                    }
                }
            }
            try #require(held.count == 8 && completed == 15)
            await first.close()

            // Every partition comes back from its lowest unfinished record: the held ones, the
            // never handed out, and the completed ones above an unfinished one.
            let all = try await kafka.consumeEvents(count: 32)
            #expect(all.count == 32)
            let lowestHeld = Dictionary(held.map { ($0.partition, $0.offset) }, uniquingKeysWith: min)
            let expected = Set(all.compactMap { record -> RecordPosition? in
                guard let lowest = lowestHeld[record.message.partition], record.message.offset >= lowest else { return nil }
                return RecordPosition(record.message)
            })
            #expect(expected.isSuperset(of: held.map(\.position)))

            let second = try kafka.makeSource()
            var redelivered: [Handed] = []
            try await second.drive(until: { redelivered.count >= expected.count }, settle: .milliseconds(800)) { batch in
                for event in batch {
                    redelivered.append(try Handed(event))
                    try await second.complete(event)
                }
            }
            await second.close()
            #expect(Set(redelivered.map(\.position)) == expected)
            #expect(redelivered.count == expected.count, "duplicates")
            expectInOrderPerCustomer(redelivered)
        }
    }

    @Test func readyOnceInTheGroupAndLagCountsWhatIsNotCommitted() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            for customer in 0..<12 { try await publisher.publish(testEvent(customer: customer, sequence: 0)) }
            await publisher.shutdown()

            let source = try kafka.makeSource()
            await #expect(throws: QueueError.self, "not ready before the group assigns partitions") {
                try await source.checkReady()
            }
            var handed: [ReceivedEvent] = []
            try await source.drive(until: { handed.count == 12 }) { handed += $0 }
            try await source.checkReady()
            // Nothing completed yet: all 12 records count, spread over the 6 partitions.
            guard case .kafka(let before)? = try await source.backlog() else {
                Issue.record("a Kafka source measures consumer lag")
                return
            }
            #expect(Set(before.keys.map(\.partition)) == Set(0..<6))
            #expect(before.keys.allSatisfy { $0.topic == kafka.topic })
            #expect(before.values.reduce(0, +) == 12)
            for event in handed { try await source.complete(event) }
            // Completed records are committed after the next poll (within about 100 ms).
            var after: [KafkaPartition: Int64] = before
            for _ in 0..<50 where after.values.reduce(0, +) > 0 {
                try await Task.sleep(for: .milliseconds(100))
                if case .kafka(let lag)? = try await source.backlog() { after = lag }
            }
            #expect(after.values.reduce(0, +) == 0, "lag after completing everything: \(after)")
            await source.close()
            await #expect(throws: QueueError.self, "not ready once closed") { try await source.checkReady() }
        }
    }

    @Test func oneCustomersEventsAreProcessedInOrderWhileCustomersRunConcurrently() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            let published = await publishConcurrently(publisher, customers: 0...9, perCustomer: 6)
            await publisher.shutdown()
            #expect(published.count == 60)

            let source = try kafka.makeSource()
            let log = ProcessingLog()
            let worker = QueueWorker(source: source, settings: .init(concurrency: 20), logger: quietLogger) { event in
                try await log.process(event)
            }
            let running = Task { await worker.run() }
            let finished = await log.wait(forCount: 60, within: .seconds(60))
            worker.drain()
            await running.value
            await source.close()

            #expect(finished)
            let handled = log.handled
            #expect(Set(handled.map(\.event.channelMessageID)) == published)
            #expect(handled.count == 60, "duplicates")
            expectInOrderPerCustomer(handled.map(\.handed))
            #expect(log.overlaps == 0, "a customer had two events in process at once")
            #expect(log.mostInProcess > 1, "customers were processed one at a time")
        }
    }

    @Test func fetchingPausedAtCapacityResumesWhereItStopped() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            var published = await publishConcurrently(publisher, customers: 0...3, perCustomer: 10)

            // At most 8 records are held: fetching pauses at once and resumes as the worker
            // (2 at a time) finishes them; the events published meanwhile arrive after a resume.
            let source = try kafka.makeSource(capacity: 8)
            let log = ProcessingLog()
            let worker = QueueWorker(source: source, settings: .init(concurrency: 2), logger: quietLogger) { event in
                try await log.process(event)
            }
            let running = Task { await worker.run() }
            #expect(await log.wait(forCount: 5, within: .seconds(30)))
            published.formUnion(await publishConcurrently(publisher, customers: 0...3, perCustomer: 5, firstSequence: 10))
            await publisher.shutdown()
            #expect(published.count == 60)

            let finished = await log.wait(forIDs: published, within: .seconds(60))
            worker.drain()
            await running.value
            await source.close()
            #expect(finished)
            #expect(log.handled.count == 60, "duplicates")
            expectInOrderPerCustomer(log.handled.map(\.handed))
        }
    }

    @Test func aRetryComesBackWithTheNextAttemptAndADeadLetterReachesTheDLQ() async throws {
        try await withKafkaCluster { kafka in
            try kafka.cluster.createTopic(KafkaConsumerConfiguration.defaultDeadLetterTopic, partitions: 2)
            let publisher = try kafka.makePublisher()
            for (customer, sequence) in [(1, 0), (1, 1), (2, 0)] {
                try await publisher.publish(testEvent(customer: customer, sequence: sequence))
            }

            let source = try kafka.makeSource()
            var heads: [String: ReceivedEvent] = [:]
            try await source.drive(until: { heads.count == 2 }) { batch in
                for event in batch { heads[try IncomingEvent.decode(event.payload).channelMessageID] = event }
            }
            let failing = try #require(heads["c1-m0"])
            #expect(failing.attempt == 1)
            #expect(heads["c2-m0"] != nil, "c1-m1 waits for c1-m0")

            let clock = ContinuousClock()
            let retried = clock.now
            try await source.retry(failing, after: .milliseconds(400), error: "timeout")
            var again: [ReceivedEvent] = []
            try await source.drive(until: { !again.isEmpty }) { again += $0 }
            #expect(clock.now - retried >= .milliseconds(400))
            #expect(again.count == 1, "c1-m1 still waits")
            #expect(again.first?.receipt == failing.receipt)
            #expect(again.first?.attempt == 2)

            try await source.deadLetter(try #require(again.first), error: "poison: \"bad\" event")
            var after: [ReceivedEvent] = []
            try await source.drive(until: { !after.isEmpty }) { after += $0 }
            #expect(try after.map { try IncomingEvent.decode($0.payload).channelMessageID } == ["c1-m1"])
            try await source.complete(try #require(after.first))
            try await source.complete(try #require(heads["c2-m0"]))
            await source.close()

            let letters = try await kafka.consume(topic: KafkaConsumerConfiguration.defaultDeadLetterTopic, count: 1)
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.key == Array("customer1@example.com".utf8))
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(letter.value)) as? [String: Any])
            guard case .offset(let partition, let offset) = failing.receipt else { throw TestSetupError("not a Kafka receipt") }
            #expect(envelope["error"] as? String == "poison: \"bad\" event")
            #expect(envelope["attempts"] as? Int == 2)
            #expect(envelope["topic"] as? String == kafka.topic)
            #expect(envelope["partition"] as? Int == Int(partition))
            #expect(envelope["offset"] as? Int == Int(offset))
            #expect(envelope["value"] as? String == String(decoding: failing.payload, as: UTF8.self))
            #expect(envelope["version"] as? Int == 1)

            // Dead-lettered and completed records were committed: a new member gets only what
            // is published now.
            try await publisher.publish(testEvent(customer: 3, sequence: 0))
            await publisher.shutdown()
            #expect(try await kafka.redeliveredIDs(untilSeeing: "c3-m0") == ["c3-m0"])
        }
    }

    @Test func aBrokerOutageMidRunLosesNothing() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            var published = await publishConcurrently(publisher, customers: 0...4, perCustomer: 4)
            #expect(published.count == 20)

            let source = try kafka.makeSource()
            let log = ProcessingLog()
            let worker = QueueWorker(source: source, settings: .init(concurrency: 8), logger: quietLogger) { event in
                try await log.process(event)
            }
            let running = Task { await worker.run() }
            #expect(await log.wait(forCount: 10, within: .seconds(30)))

            // While every broker is down, the worker finishes what it holds and the commits fail;
            // events published meanwhile are delivered once the brokers are back.
            try kafka.cluster.setBrokerDown(-1)
            async let later = publishConcurrently(publisher, customers: 5...7, perCustomer: 2)
            try await Task.sleep(for: .seconds(2))
            try kafka.cluster.setBrokerUp(-1)
            published.formUnion(await later)
            #expect(published.count == 26)
            await publisher.shutdown()

            let finished = await log.wait(forIDs: published, within: .seconds(60))
            worker.drain()
            await running.value
            await source.close()
            #expect(finished)
            #expect(Set(log.handled.map(\.event.channelMessageID)) == published)
            expectInOrderPerCustomer(log.handled.map(\.handed))
            #expect(log.overlaps == 0)

            // The commits caught up: a new member of the group gets nothing again.
            let sentinel = try kafka.makePublisher()
            try await sentinel.publish(testEvent(customer: 9, sequence: 0))
            await sentinel.shutdown()
            #expect(try await kafka.redeliveredIDs(untilSeeing: "c9-m0") == ["c9-m0"])
        }
    }

    @Test func aRevokedPartitionIsNeitherHandedOutNorCommittedAndNothingIsLost() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            let published = await publishConcurrently(publisher, customers: 0...11, perCustomer: 3)
            #expect(published.count == 36)

            // The first member holds its first events unfinished while a second one joins and
            // takes some partitions over.
            let first = try kafka.makeSource()
            var held: [ReceivedEvent] = []
            try await first.drive(until: { held.count == 12 }) { held += $0 }
            let second = try kafka.makeSource()
            let heldLog = ProcessingLog()
            let firstLog = ProcessingLog()
            let secondLog = ProcessingLog()
            try await second.drive(until: { secondLog.handled.count > 0 }) { batch in
                for event in batch { try await secondLog.process(event, completingIn: second) }
            }
            // Finishing the revoked ones commits nothing; the second member processes them again.
            for event in held { try await heldLog.process(event, completingIn: first) }

            let all = Set(published)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (source, log) in [(first, firstLog), (second, secondLog)] {
                    group.addTask {
                        try await source.drive(until: {
                            Set([heldLog, firstLog, secondLog].flatMap { $0.handled.map(\.event.channelMessageID) })
                                .isSuperset(of: all)
                        }) { batch in
                            for event in batch { try await log.process(event, completingIn: source) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(!secondLog.handled.isEmpty && !firstLog.handled.isEmpty)
            // The first member dropped what it had buffered of the partitions it gave up.
            let firstPartitions = Set(firstLog.handled.map(\.handed.partition))
            #expect(firstPartitions.isDisjoint(with: secondLog.handled.map(\.handed.partition)))
            #expect(Set(heldLog.handled.map(\.handed.partition)).isStrictSuperset(of: firstPartitions), "nothing was revoked")
            expectInOrderPerCustomer(firstLog.handled.map(\.handed))
            expectInOrderPerCustomer(secondLog.handled.map(\.handed))
            await first.close()
            await second.close()

            try await publisher.publish(testEvent(customer: 20, sequence: 0))
            await publisher.shutdown()
            #expect(try await kafka.redeliveredIDs(untilSeeing: "c20-m0") == ["c20-m0"])
        }
    }
}

// MARK: - Helpers

/// A record's place in the topic.
struct RecordPosition: Hashable, CustomStringConvertible {
    var partition: Int32
    var offset: Int64

    init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }

    init(_ message: KafkaMessage) {
        self.init(partition: message.partition, offset: message.offset)
    }

    var description: String { "\(partition):\(offset)" }
}

/// A handed-out test event: its place and `testEvent` numbers.
struct Handed: Sendable, Hashable {
    var partition: Int32
    var offset: Int64
    var customer: Int
    var sequence: Int
    var attempt: Int

    init(_ event: ReceivedEvent) throws {
        guard case .offset(let partition, let offset) = event.receipt else { throw TestSetupError("not a Kafka receipt") }
        let decoded = try IncomingEvent.decode(event.payload)
        guard let customer = decoded.metadata["customer"].flatMap(Int.init),
            let sequence = decoded.metadata["sequence"].flatMap(Int.init)
        else { throw TestSetupError("not a test event") }
        self.partition = partition
        self.offset = offset
        self.customer = customer
        self.sequence = sequence
        attempt = event.attempt
    }

    var position: RecordPosition { RecordPosition(partition: partition, offset: offset) }
}

/// Each customer's events were handed out in increasing sequence.
func expectInOrderPerCustomer(_ handed: [Handed], sourceLocation: SourceLocation = #_sourceLocation) {
    for (customer, events) in Dictionary(grouping: handed, by: \.customer) {
        let sequences = events.map(\.sequence)
        #expect(sequences == sequences.sorted(), "customer \(customer): \(sequences)", sourceLocation: sourceLocation)
    }
}

/// Records events processed by a worker or a test, checking that no customer has two at once.
final class ProcessingLog: Sendable {
    private struct State {
        var handled: [(event: IncomingEvent, handed: Handed)] = []
        var inProcess: [Int: Int] = [:]
        var mostInProcess = 0
        var overlaps = 0
    }

    private let state = Mutex(State())
    private let progress = WakeupSignal()

    var handled: [(event: IncomingEvent, handed: Handed)] { state.withLock { $0.handled } }
    var overlaps: Int { state.withLock { $0.overlaps } }
    var mostInProcess: Int { state.withLock { $0.mostInProcess } }

    /// Processes `event` (a short pause) as a worker handler would.
    func process(_ event: ReceivedEvent) async throws {
        let handed = try Handed(event)
        let decoded = try IncomingEvent.decode(event.payload)
        state.withLock { state in
            state.inProcess[handed.customer, default: 0] += 1
            if state.inProcess[handed.customer]! > 1 { state.overlaps += 1 }
            state.mostInProcess = max(state.mostInProcess, state.inProcess.values.reduce(0, +))
        }
        try await Task.sleep(for: .milliseconds(Int.random(in: 5...30)))
        state.withLock { state in
            state.inProcess[handed.customer]! -= 1
            if state.inProcess[handed.customer] == 0 { state.inProcess[handed.customer] = nil }
            state.handled.append((decoded, handed))
        }
        progress.signal()
    }

    /// Processes `event` and completes it in `source`.
    func process(_ event: ReceivedEvent, completingIn source: KafkaEventSource) async throws {
        try await process(event)
        try await source.complete(event)
    }

    /// Waits until `count` events were handled.
    func wait(forCount count: Int, within limit: Duration) async -> Bool {
        await wait(within: limit) { $0.count >= count }
    }

    /// Waits until every event of `ids` was handled.
    func wait(forIDs ids: Set<String>, within limit: Duration) async -> Bool {
        await wait(within: limit) { Set($0.map(\.event.channelMessageID)).isSuperset(of: ids) }
    }

    private func wait(
        within limit: Duration, until done: ([(event: IncomingEvent, handed: Handed)]) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if done(handled) { return true }
            await progress.wait(upTo: .milliseconds(200))
        }
        return done(handled)
    }
}

extension KafkaTestCluster {
    /// The mock coordinator waits for the session timeout (less a second) before it takes a new
    /// member into a group another one left; 6 s instead of 45 s keeps that short.
    static let quickGroup = quickReconnect.merging(["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"]) { $1 }

    /// A source in group `group` on the test topic, dead letters to `fte.dlq`.
    func makeSource(group: String = "workers", capacity: Int = 10_000) throws -> KafkaEventSource {
        try KafkaEventSource(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: cluster.bootstrapServers, topic: topic, groupID: group, capacity: capacity,
                additionalSettings: Self.quickGroup),
            logger: quietLogger)
    }

    /// Reads `topic` from the start in a new group until `count` records arrived, then for a
    /// second more.
    func consume(topic: String, count: Int, within limit: Duration = .seconds(30)) async throws -> [KafkaMessage] {
        let consumer = try KafkaConsumer(
            bootstrapServers: cluster.bootstrapServers, groupID: "reader-" + UUID().uuidString, topics: [topic],
            additionalSettings: Self.quickReconnect, logger: quietLogger)
        var received: [KafkaMessage] = []
        let clock = ContinuousClock()
        var deadline = clock.now + limit
        while clock.now < deadline {
            if let message = try await consumer.poll(timeout: .milliseconds(200)) { received.append(message) }
            if received.count == count, deadline > clock.now + .seconds(1) { deadline = clock.now + .seconds(1) }
        }
        await consumer.close()
        return received
    }

    /// The channel message ids a new member of group `workers` is handed (completing each) until
    /// it sees `sentinel`, published last, and for a while after.
    func redeliveredIDs(untilSeeing sentinel: String) async throws -> [String] {
        let source = try makeSource()
        var ids: [String] = []
        try await source.drive(until: { ids.contains(sentinel) }, settle: .milliseconds(800)) { batch in
            for event in batch {
                ids.append(try IncomingEvent.decode(event.payload).channelMessageID)
                try await source.complete(event)
            }
        }
        await source.close()
        return ids
    }
}

extension KafkaEventSource {
    /// Takes events and hands them to `handle` until `done` (at most for `limit`), then for
    /// `settle` more, to catch events that should not come.
    /// - Returns: whether `done` held.
    @discardableResult
    func drive(
        until done: () -> Bool, settle: Duration = .zero, within limit: Duration = .seconds(30),
        handle: ([ReceivedEvent]) async throws -> Void
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while !done(), clock.now < deadline {
            try await handle(try await next(limit: 100))
        }
        let settled = clock.now + settle
        while clock.now < settled {
            try await handle(try await next(limit: 100))
        }
        return done()
    }
}
