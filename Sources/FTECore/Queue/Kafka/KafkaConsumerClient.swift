import CRdKafka
import Logging

/// Owns one librdkafka group consumer (`rd_kafka_t`). Its methods block: ``KafkaConsumer`` calls
/// them on its one dedicated thread, so they never run concurrently.
final class KafkaConsumerClient: @unchecked Sendable {
    private let client: OpaquePointer
    private let context: KafkaClientContext

    /// Creates the consumer and subscribes it to `topics` in group `groupID`.
    /// - Throws: ``KafkaError`` `invalidConfiguration` or `consumeFailed`.
    init(settings: [(String, String)], topics: [String], logger: Logger) throws {
        let context = KafkaClientContext(logger: logger)
        let client = try KafkaNativeClient.make(RD_KAFKA_CONSUMER, settings: settings, context: context) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rebalanceCallback)
        }
        _ = rd_kafka_poll_set_consumer(client)
        let subscription = rd_kafka_topic_partition_list_new(Int32(topics.count))
        defer { rd_kafka_topic_partition_list_destroy(subscription) }
        for topic in topics {
            _ = rd_kafka_topic_partition_list_add(subscription, topic, -1)
        }
        let error = rd_kafka_subscribe(client, subscription)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            rd_kafka_destroy(client)
            throw KafkaError(.consumeFailed, "cannot subscribe to \(topics.joined(separator: ", "))", error: error)
        }
        self.client = client
        self.context = context
    }

    deinit {
        rd_kafka_destroy(client)
    }

    /// Waits up to `milliseconds` for the first record, then takes those already fetched, up to
    /// `limit`. Rebalances served meanwhile come back as partition changes, in order with the records.
    /// - Returns: fewer records on timeout or after a transient consumer error (logged).
    /// - Throws: ``KafkaError`` `consumeFailed` after a fatal error.
    func poll(upTo limit: Int, waitingUpTo milliseconds: Int32) throws -> [KafkaConsumerEvent] {
        var events: [KafkaConsumerEvent] = []
        var records = 0
        var wait = milliseconds
        while records < limit {
            let message = rd_kafka_consumer_poll(client, wait)
            wait = 0
            events += context.takePartitionChanges()
            guard let message else { break }
            defer { rd_kafka_message_destroy(message) }
            let error = message.pointee.err
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                if context.hasFatalError || error == RD_KAFKA_RESP_ERR__FATAL {
                    throw KafkaError(.consumeFailed, "the consumer raised a fatal error", error: error)
                }
                context.logger.warning("kafka consumer error", metadata: ["error": "\(KafkaError.describe(error))"])
                break
            }
            events.append(.record(KafkaMessage(copying: message.pointee)))
            records += 1
        }
        return events
    }

    /// Stores `offsets` (per partition, the next record to read) and, unless `storeOnly`,
    /// commits the stored offsets synchronously; stored offsets are committed at the latest
    /// before their partitions are revoked. Partitions not assigned to this consumer are
    /// skipped: librdkafka stores offsets only for the current assignment.
    /// - Throws: ``KafkaError`` `commitFailed`.
    func commit(_ offsets: [KafkaPartition: Int64], storeOnly: Bool = false) throws {
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)?.pointee.offset = offset
        }
        let stored = rd_kafka_offsets_store(client, list)
        switch stored {
        case RD_KAFKA_RESP_ERR_NO_ERROR: break
        case RD_KAFKA_RESP_ERR__STATE, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION: return  // none is assigned
        default: throw KafkaError(.commitFailed, "cannot store offsets", error: stored)
        }
        guard !storeOnly else { return }
        let error = rd_kafka_commit(client, nil, 0)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw KafkaError(.commitFailed, "cannot commit stored offsets", error: error)
        }
    }

    /// Stops fetching the partitions assigned now (`true`), or resumes them. Polls keep serving
    /// rebalances meanwhile; partitions assigned later are not paused.
    /// - Throws: ``KafkaError`` `consumeFailed` when the assignment cannot be read.
    func setPaused(_ paused: Bool) throws {
        var assignment: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let error = rd_kafka_assignment(client, &assignment)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let assignment else {
            throw KafkaError(.consumeFailed, "cannot read the assignment", error: error)
        }
        defer { rd_kafka_topic_partition_list_destroy(assignment) }
        _ = paused ? rd_kafka_pause_partitions(client, assignment) : rd_kafka_resume_partitions(client, assignment)
    }

    /// Records after the group's committed offset in each partition assigned now: the high
    /// watermark and the committed offsets are asked of the brokers, waiting up to `milliseconds`
    /// each. A partition the group never committed counts from its earliest record.
    /// - Throws: ``KafkaError`` `consumeFailed` when the assignment, the committed offsets or a
    ///   watermark cannot be read.
    func lag(waitingUpTo milliseconds: Int32) throws -> [KafkaPartition: Int64] {
        var assignment: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let error = rd_kafka_assignment(client, &assignment)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let assignment else {
            throw KafkaError(.consumeFailed, "cannot read the assignment", error: error)
        }
        defer { rd_kafka_topic_partition_list_destroy(assignment) }
        guard assignment.pointee.cnt > 0 else { return [:] }
        let committed = rd_kafka_committed(client, assignment, milliseconds)
        guard committed == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(.consumeFailed, "cannot read the committed offsets", error: committed)
        }
        var lag: [KafkaPartition: Int64] = [:]
        for entry in UnsafeBufferPointer(start: assignment.pointee.elems, count: Int(assignment.pointee.cnt)) {
            var low: Int64 = 0
            var high: Int64 = 0
            let queried = rd_kafka_query_watermark_offsets(client, entry.topic, entry.partition, &low, &high, milliseconds)
            guard queried == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(.consumeFailed, "cannot read the watermarks of partition \(entry.partition)", error: queried)
            }
            let from = entry.offset >= 0 ? entry.offset : low
            lag[KafkaPartition(topic: String(cString: entry.topic), partition: entry.partition)] = max(0, high - from)
        }
        return lag
    }

    /// Leaves the group (a final revoke runs); the client is destroyed with the last reference.
    func close() {
        _ = rd_kafka_consumer_close(client)
    }
}

/// librdkafka's `rebalance_cb`, served inside `rd_kafka_consumer_poll`: applies the change,
/// first committing the stored offsets of a revoked (not lost) assignment, and records it for
/// the poll to return.
private func rebalanceCallback(
    client: OpaquePointer?, event: rd_kafka_resp_err_t,
    partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _: UnsafeMutableRawPointer?
) {
    guard let client else { return }
    let context = KafkaClientContext.of(client)
    let cooperative = rd_kafka_rebalance_protocol(client).map { String(cString: $0) } == "COOPERATIVE"
    var changed = partitions.map(KafkaPartition.array) ?? []
    var failure: String?
    switch event {
    case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
        failure = cooperative
            ? takeErrorText(rd_kafka_incremental_assign(client, partitions)) : errorText(rd_kafka_assign(client, partitions))
        context?.recordPartitionChange(.assigned(changed))
    case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
        if rd_kafka_assignment_lost(client) == 0 {
            let committed = rd_kafka_commit(client, nil, 0)
            if committed != RD_KAFKA_RESP_ERR_NO_ERROR, committed != RD_KAFKA_RESP_ERR__NO_OFFSET {
                context?.logger.warning("kafka commit before revoke failed", metadata: ["error": "\(KafkaError.describe(committed))"])
            }
        }
        failure = cooperative
            ? takeErrorText(rd_kafka_incremental_unassign(client, partitions)) : errorText(rd_kafka_assign(client, nil))
        context?.recordPartitionChange(.revoked(changed))
    default:
        // A failed rebalance: drop the whole assignment.
        var assignment: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        if rd_kafka_assignment(client, &assignment) == RD_KAFKA_RESP_ERR_NO_ERROR, let assignment {
            changed = KafkaPartition.array(assignment)
            rd_kafka_topic_partition_list_destroy(assignment)
        }
        failure = errorText(rd_kafka_assign(client, nil))
        context?.recordPartitionChange(.revoked(changed))
    }
    guard let context else { return }
    let change = event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? "assigned" : "revoked"
    if let failure {
        context.logger.error("kafka rebalance failed", metadata: ["change": "\(change)", "error": "\(failure)"])
    } else {
        context.logger.debug("kafka rebalance", metadata: ["change": "\(change)", "partitions": "\(changed.count)"])
    }
}

/// librdkafka's description of `error`; `nil` when it is no error.
private func errorText(_ error: rd_kafka_resp_err_t) -> String? {
    error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.describe(error)
}

/// The text of a librdkafka error object, which this destroys; `nil` when there is none.
private func takeErrorText(_ error: OpaquePointer?) -> String? {
    guard let error else { return nil }
    defer { rd_kafka_error_destroy(error) }
    return rd_kafka_error_string(error).map { String(cString: $0) } ?? "unknown error"
}

extension KafkaPartition {
    /// The partitions of a librdkafka list.
    static func array(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [KafkaPartition] {
        UnsafeBufferPointer(start: list.pointee.elems, count: Int(list.pointee.cnt)).map {
            KafkaPartition(topic: String(cString: $0.topic), partition: $0.partition)
        }
    }
}
