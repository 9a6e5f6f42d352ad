import CRdKafka
import Logging
import NIOPosix
import Synchronization

/// A high-level group consumer with at-least-once semantics: nothing is committed until the
/// caller calls ``commit(_:)`` for a record it has processed. New groups start at the earliest
/// offset; partitions are assigned with the cooperative-sticky strategy.
///
/// Every librdkafka call runs on the consumer's own thread. Call ``close()`` when done.
public final class KafkaConsumer: Sendable {
    private let client: Mutex<KafkaConsumerClient?>
    private let thread = NIOThreadPool(numberOfThreads: 1)

    /// Joins group `groupID` and subscribes to `topics`; `additionalSettings` are librdkafka
    /// properties that override the defaults.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming a refused setting, or `consumeFailed`.
    public init(
        bootstrapServers: String, groupID: String, topics: [String], additionalSettings: [String: String] = [:],
        logger: Logger = Logger(label: "fte.kafka.consumer")
    ) throws {
        let settings = [
            ("bootstrap.servers", bootstrapServers),
            ("group.id", groupID),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("auto.offset.reset", "earliest"),
            ("partition.assignment.strategy", "cooperative-sticky"),
            // A fetch waits at most this long for new records (librdkafka's 500 ms default
            // delays a quiet topic's records by a quarter of a second on average).
            ("fetch.wait.max.ms", "50"),
        ] + additionalSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        client = Mutex(try KafkaConsumerClient(settings: settings, topics: topics, logger: logger))
        thread.start()
    }

    /// Waits up to `timeout` for the next record; partition changes are not reported.
    /// - Returns: `nil` when none arrived in time.
    /// - Throws: ``KafkaError`` `consumeFailed` after a fatal error, `closed` after ``close()``.
    public func poll(timeout: Duration) async throws -> KafkaMessage? {
        try await poll(upTo: 1, timeout: timeout).lazy.compactMap(\.record).first
    }

    /// Waits up to `timeout` for a first record, then takes the records already fetched, up to
    /// `limit`, with the partition changes of rebalances in between, in the order they happened.
    /// - Throws: ``KafkaError`` `consumeFailed` after a fatal error, `closed` after ``close()``.
    public func poll(upTo limit: Int, timeout: Duration) async throws -> [KafkaConsumerEvent] {
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        return try await run { try $0.poll(upTo: limit, waitingUpTo: milliseconds) }
    }

    /// Commits `message` as processed (its offset + 1 for its partition), synchronously.
    /// - Throws: ``KafkaError`` `commitFailed`, or `closed` after ``close()``.
    public func commit(_ message: KafkaMessage) async throws {
        try await commit([KafkaPartition(topic: message.topic, partition: message.partition): message.offset + 1])
    }

    /// Commits, synchronously, the next offset to read of each partition (every record before it
    /// is processed). Partitions no longer assigned are skipped: their new owner commits them.
    /// These offsets are committed again before their partitions are revoked, should this fail.
    /// - Throws: ``KafkaError`` `commitFailed`, or `closed` after ``close()``.
    public func commit(_ offsets: [KafkaPartition: Int64]) async throws {
        try await run { try $0.commit(offsets) }
    }

    /// Stores the next offset to read of each partition without sending a commit: the stored
    /// offsets go with the next ``commit(_:)``, or before their partitions are revoked.
    /// - Throws: ``KafkaError`` `commitFailed`, or `closed` after ``close()``.
    public func store(_ offsets: [KafkaPartition: Int64]) async throws {
        try await run { try $0.commit(offsets, storeOnly: true) }
    }

    /// Pauses (`true`) or resumes fetching the partitions assigned now; ``poll(upTo:timeout:)``
    /// keeps serving rebalances meanwhile. Partitions assigned later are not paused.
    /// - Throws: ``KafkaError`` `consumeFailed`, or `closed` after ``close()``.
    public func setPaused(_ paused: Bool) async throws {
        try await run { try $0.setPaused(paused) }
    }

    /// Records after the group's committed offset in each partition assigned now, asking the
    /// brokers and waiting up to `timeout` for each answer.
    /// - Throws: ``KafkaError`` `consumeFailed`, or `closed` after ``close()``.
    public func lag(timeout: Duration) async throws -> [KafkaPartition: Int64] {
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        return try await run { try $0.lag(waitingUpTo: milliseconds) }
    }

    /// Leaves the group and destroys the client.
    public func close() async {
        _ = try? await thread.runIfActive {
            self.client.withLock { $0.take() }?.close()
        }
        try? await thread.shutdownGracefully()
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable (KafkaConsumerClient) throws -> T) async throws -> T {
        do {
            return try await thread.runIfActive {
                guard let client = self.client.withLock({ $0 }) else {
                    throw KafkaError(.closed, "the consumer is closed")
                }
                return try work(client)
            }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw KafkaError(.closed, "the consumer is closed")
        } catch is CancellationError where client.withLock({ $0 == nil }) {
            // A stopped thread pool cancels the work it is handed.
            throw KafkaError(.closed, "the consumer is closed")
        }
    }
}

/// One partition of a topic.
public struct KafkaPartition: Sendable, Hashable {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }
}

/// What a ``KafkaConsumer`` poll returns, in the order it happened.
public enum KafkaConsumerEvent: Sendable, Equatable {
    case record(KafkaMessage)
    /// The group gave this consumer these partitions.
    case assigned([KafkaPartition])
    /// These partitions were revoked or lost: another member reads them from their last
    /// committed offset, and this consumer can no longer commit them.
    case revoked([KafkaPartition])

    /// The record, when this is one.
    public var record: KafkaMessage? {
        if case .record(let message) = self { return message }
        return nil
    }
}

/// One record a ``KafkaConsumer`` received.
public struct KafkaMessage: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    /// The record's offset in its partition; committing it stores `offset + 1`.
    public var offset: Int64
    /// The record key, `nil` when the producer sent none.
    public var key: [UInt8]?
    public var value: [UInt8]

    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
    }

    /// Copies a record librdkafka returned without an error.
    init(copying message: rd_kafka_message_t) {
        let topic = message.rkt.flatMap { rd_kafka_topic_name($0) }.map { String(cString: $0) } ?? ""
        self.init(
            topic: topic, partition: message.partition, offset: message.offset,
            key: message.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.key_len)) },
            value: message.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: message.len)) } ?? [])
    }
}
