import Foundation
import Logging
import Synchronization

/// The Kafka side of `fte work`: a member of a consumer group (``KafkaConsumerConfiguration``,
/// by default `fte-message-processor` on `fte.tickets.incoming`).
///
/// A poll loop buffers records, pausing its partitions while `capacity` records are held.
/// ``next(limit:)`` hands out only the oldest unfinished record of each key (the customer), so
/// one customer's events are processed in order while many customers' are processed at once.
/// Records finish out of order; after each poll the loop commits, synchronously, each partition
/// up to its lowest unfinished record (``OffsetTracker``). Retries wait in memory. Dead letters
/// go to `fte.dlq` as a JSON envelope, keyed like the record. Records of revoked partitions are
/// dropped: their new owner reads them again from the last commit. Details: docs/events.md.
///
/// Every librdkafka call runs on the consumer's or the dead-letter producer's own threads.
/// Call ``close()`` when done.
public final class KafkaEventSource: EventSource {
    private let configuration: KafkaConsumerConfiguration
    private let consumer: KafkaConsumer
    private let deadLetters: KafkaEventPublisher
    private let queue = Mutex(KafkaRecordQueue())
    private let recordsReady = WakeupSignal()
    private let pollLoop: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let stopping = Atomic<Bool>(false)
    /// The group has assigned this consumer its partitions (possibly none) at least once.
    private let joined = Atomic<Bool>(false)
    /// The last poll failed: the consumer cannot reach the cluster or raised a fatal error.
    private let pollFailing = Atomic<Bool>(false)
    private let logger: Logger

    /// The longest wait of ``next(limit:)`` when no record is ready.
    private static let idleWait = Duration.seconds(1)
    /// How long one poll waits for records: also about the longest a finished record waits for
    /// its commit.
    private static let pollWait = Duration.milliseconds(100)
    /// The most records one poll takes.
    private static let pollBatch = 500
    /// How long a record waits before it is handed out again when its dead letter failed.
    private static let deadLetterRetryDelay = Duration.seconds(5)
    /// The longest commits wait for a rebalance to end (see ``pollUntilClosed()``).
    private static let rebalanceCommitHold = Duration.seconds(10)

    /// Joins the group and starts polling; the group assigns partitions within a few seconds.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming a setting librdkafka refused,
    ///   `clientCreationFailed`, or `consumeFailed` when it cannot subscribe.
    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws {
        let deadLetters = try KafkaEventPublisher(configuration: configuration.deadLetterProducer, logger: logger)
        do {
            consumer = try KafkaConsumer(
                bootstrapServers: configuration.bootstrapServers, groupID: configuration.groupID,
                topics: [configuration.topic], additionalSettings: configuration.additionalSettings, logger: logger)
        } catch {
            Task { await deadLetters.shutdown() }
            throw error
        }
        self.deadLetters = deadLetters
        self.configuration = configuration
        self.logger = logger
        let loop = Task { await self.pollUntilClosed() }
        pollLoop.withLock { $0 = loop }
    }

    public func next(limit: Int) async throws -> [ReceivedEvent] {
        let (events, nextRetry) = takeReady(limit: limit)
        guard events.isEmpty else { return events }
        let untilRetry = nextRetry.map { max(.zero, $0 - .now) } ?? Self.idleWait
        await recordsReady.wait(upTo: min(Self.idleWait, untilRetry))
        return takeReady(limit: limit).events
    }

    /// Finishes the record; its offset is committed with the next poll once every record before
    /// it in its partition is finished. Nothing happens when its partition was revoked meanwhile.
    public func complete(_ event: ReceivedEvent) async throws {
        let position = try Self.position(of: event)
        if queue.withLock({ $0.finish(position) })?.nextIsReady == true {
            recordsReady.signal()
        }
    }

    public func retry(_ event: ReceivedEvent, after delay: Duration, error: String) async throws {
        let position = try Self.position(of: event)
        if queue.withLock({ $0.retry(position, due: .now + delay) }) {
            recordsReady.signal()  // a waiting next(limit:) recomputes its wait
        }
    }

    /// Publishes the dead letter (docs/events.md) and waits for its delivery, then finishes
    /// the record. Nothing happens when its partition was revoked meanwhile.
    /// - Throws: ``QueueError`` when the dead letter was not delivered; the record is then handed
    ///   out again after a few seconds.
    public func deadLetter(_ event: ReceivedEvent, error: String) async throws {
        let position = try Self.position(of: event)
        guard let record = queue.withLock({ $0.handedOutRecord(at: position) }) else { return }
        do {
            try await deadLetters.publish(
                key: record.key ?? [], value: record.deadLetter(topic: configuration.topic, error: error, at: Date()))
        } catch {
            if queue.withLock({ $0.retry(position, due: .now + Self.deadLetterRetryDelay) }) { recordsReady.signal() }
            throw error
        }
        try await complete(event)
    }

    /// Stops polling, commits what is committable, leaves the group and stops the dead-letter
    /// producer. Records not finished are read again by the group's next owner of their partition.
    public func close() async {
        guard let loop = pollLoop.withLock({ $0.take() }) else { return }
        stopping.store(true, ordering: .releasing)
        await loop.value
        await consumer.close()
        queue.withLock { $0 = KafkaRecordQueue() }
        await deadLetters.shutdown()
        recordsReady.signal()
    }

    /// Ready once the group assigned this consumer its partitions, while polls succeed, until
    /// ``close()``.
    public func checkReady() async throws {
        if stopping.load(ordering: .acquiring) { throw QueueError.unavailable("the Kafka consumer is closing") }
        guard joined.load(ordering: .acquiring) else {
            throw QueueError.unavailable("not yet a member of consumer group \(configuration.groupID)")
        }
        if pollFailing.load(ordering: .acquiring) { throw QueueError.unavailable("polling Kafka fails") }
    }

    /// The consumer lag of each partition assigned to this consumer.
    public func backlog() async throws -> QueueBacklog? {
        .kafka(lag: try await consumer.lag(timeout: .seconds(2)))
    }

    private func takeReady(limit: Int) -> (events: [ReceivedEvent], nextRetry: ContinuousClock.Instant?) {
        queue.withLock { queue in (queue.takeReady(limit: limit, now: .now), queue.nextRetry) }
    }

    /// Buffers records, applies rebalances and commits finished records until ``close()``, then
    /// commits once more.
    ///
    /// Once a commit is refused because the group is rebalancing, finished offsets are only
    /// stored until this member's partitions change (or ``rebalanceCommitHold`` passes): a commit
    /// that meets the coordinator's new generation before this member has learnt it is answered
    /// ILLEGAL_GENERATION, and librdkafka then drops the whole assignment as lost and rejoins,
    /// which costs a cooperative group another rebalance (docs/benchmarks.md, Kafka failover).
    /// librdkafka commits the stored offsets before any partition is revoked.
    private func pollUntilClosed() async {
        var paused = false
        var commitsHeldUntil: ContinuousClock.Instant?
        while !stopping.load(ordering: .acquiring) {
            let events: [KafkaConsumerEvent]
            do {
                events = try await consumer.poll(upTo: Self.pollBatch, timeout: Self.pollWait)
            } catch {
                pollFailing.store(true, ordering: .releasing)
                logger.error("cannot poll Kafka; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            pollFailing.store(false, ordering: .releasing)
            let applied = apply(events)
            if applied.anyAssigned { joined.store(true, ordering: .releasing) }
            if applied.anyReady { recordsReady.signal() }
            if applied.anyChange { commitsHeldUntil = nil }
            if let until = commitsHeldUntil, .now < until {
                await storeFinished()
            } else if await commitFinished() == .refusedWhileRebalancing {
                commitsHeldUntil = .now + Self.rebalanceCommitHold
            } else {
                commitsHeldUntil = nil
            }
            let capacity = configuration.capacity
            let pause = applied.held >= capacity && (!paused || applied.anyAssigned)
            let resume = paused && applied.held <= capacity / 2
            guard pause || resume else { continue }
            do {
                try await consumer.setPaused(pause)
                paused = pause
            } catch {
                logger.warning("cannot pause or resume Kafka partitions", metadata: ["error": "\(error)"])
            }
        }
        await commitFinished()
    }

    /// Adds polled records to the queue and drops those of revoked partitions, in order.
    private func apply(_ events: [KafkaConsumerEvent]) -> (anyReady: Bool, anyAssigned: Bool, anyChange: Bool, held: Int) {
        var anyReady = false
        var anyAssigned = false
        var anyChange = false
        let held = queue.withLock { queue in
            for event in events {
                switch event {
                case .record(let message):
                    if queue.append(message) { anyReady = true }
                case .assigned:
                    anyAssigned = true
                    anyChange = true
                case .revoked(let partitions):
                    anyChange = true
                    queue.drop(partitions: Set(partitions.map(\.partition)))
                }
            }
            return queue.count
        }
        for case .revoked(let partitions) in events {
            logger.info("kafka partitions revoked; their records are dropped", metadata: [
                "partitions": "\(partitions.map(\.partition).sorted())",
            ])
        }
        return (anyReady, anyAssigned, anyChange, held)
    }

    private enum CommitOutcome { case done, failed, refusedWhileRebalancing }

    /// Commits each partition up to its lowest unfinished record, when that moved; a failure is
    /// logged and retried after the next poll.
    @discardableResult
    private func commitFinished() async -> CommitOutcome {
        let offsets = queue.withLock { $0.uncommittedOffsets }
        guard !offsets.isEmpty else { return .done }
        do {
            try await consumer.commit(partitionOffsets(offsets))
            queue.withLock { $0.committed(offsets) }
            return .done
        } catch let error as KafkaError where error.isRebalanceRefusal {
            logger.info("the Kafka group is rebalancing; offsets are committed once it is done", metadata: [
                "error": "\(error)",
            ])
            return .refusedWhileRebalancing
        } catch {
            logger.warning("cannot commit Kafka offsets; retrying", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    /// Stores each partition's committable offset for librdkafka to commit before a revoke.
    private func storeFinished() async {
        let offsets = queue.withLock { $0.uncommittedOffsets }
        guard !offsets.isEmpty else { return }
        do {
            try await consumer.store(partitionOffsets(offsets))
        } catch {
            logger.warning("cannot store Kafka offsets", metadata: ["error": "\(error)"])
        }
    }

    private func partitionOffsets(_ offsets: [Int32: Int64]) -> [KafkaPartition: Int64] {
        let topic = configuration.topic
        return Dictionary(uniqueKeysWithValues: offsets.map { (KafkaPartition(topic: topic, partition: $0.key), $0.value) })
    }

    private static func position(of event: ReceivedEvent) throws -> KafkaRecordQueue.Position {
        guard case .offset(let partition, let offset) = event.receipt else {
            throw QueueError.rejected("not an event of the Kafka queue: \(event.receipt)")
        }
        return KafkaRecordQueue.Position(partition: partition, offset: offset)
    }
}
