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

    /// Waits up to `milliseconds` for the next record; serves rebalances meanwhile.
    /// - Returns: `nil` on timeout or after a transient consumer error (logged).
    /// - Throws: ``KafkaError`` `consumeFailed` after a fatal error.
    func poll(waitingUpTo milliseconds: Int32) throws -> KafkaMessage? {
        guard let message = rd_kafka_consumer_poll(client, milliseconds) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let error = message.pointee.err
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            if context.hasFatalError || error == RD_KAFKA_RESP_ERR__FATAL {
                throw KafkaError(.consumeFailed, "the consumer raised a fatal error", error: error)
            }
            context.logger.warning("kafka consumer error", metadata: ["error": "\(KafkaError.describe(error))"])
            return nil
        }
        return KafkaMessage(copying: message.pointee)
    }

    /// Commits `offset` (the next record to read) for one partition, synchronously.
    /// - Throws: ``KafkaError`` `commitFailed`.
    func commit(topic: String, partition: Int32, offset: Int64) throws {
        let offsets = rd_kafka_topic_partition_list_new(1)
        defer { rd_kafka_topic_partition_list_destroy(offsets) }
        rd_kafka_topic_partition_list_add(offsets, topic, partition)?.pointee.offset = offset
        let error = rd_kafka_commit(client, offsets, 0)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(.commitFailed, "cannot commit \(topic)[\(partition)] at \(offset)", error: error)
        }
    }

    /// Leaves the group (a final revoke runs); the client is destroyed with the last reference.
    func close() {
        _ = rd_kafka_consumer_close(client)
    }
}

/// librdkafka's `rebalance_cb`, served inside `rd_kafka_consumer_poll`. Offsets are committed
/// synchronously as records are processed, so a revoke has nothing left to commit.
private func rebalanceCallback(
    client: OpaquePointer?, event: rd_kafka_resp_err_t,
    partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _: UnsafeMutableRawPointer?
) {
    guard let client else { return }
    let cooperative = rd_kafka_rebalance_protocol(client).map { String(cString: $0) } == "COOPERATIVE"
    var failure: String?
    switch event {
    case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS where cooperative:
        failure = takeErrorText(rd_kafka_incremental_assign(client, partitions))
    case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS where cooperative:
        failure = takeErrorText(rd_kafka_incremental_unassign(client, partitions))
    case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
        _ = rd_kafka_assign(client, partitions)
    default:
        _ = rd_kafka_assign(client, nil)
    }
    guard let context = KafkaClientContext.of(client) else { return }
    let count = partitions?.pointee.cnt ?? 0
    let change = event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? "assigned" : "revoked"
    if let failure {
        context.logger.error("kafka rebalance failed", metadata: ["change": "\(change)", "error": "\(failure)"])
    } else {
        context.logger.debug("kafka rebalance", metadata: ["change": "\(change)", "partitions": "\(count)"])
    }
}

/// The text of a librdkafka error object, which this destroys; `nil` when there is none.
private func takeErrorText(_ error: OpaquePointer?) -> String? {
    guard let error else { return nil }
    defer { rd_kafka_error_destroy(error) }
    return rd_kafka_error_string(error).map { String(cString: $0) } ?? "unknown error"
}
