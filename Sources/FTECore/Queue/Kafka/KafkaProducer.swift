import CRdKafka
import Logging

/// Owns one idempotent librdkafka producer (`rd_kafka_t`) and its topic handle.
///
/// Thread-safe: librdkafka allows producing, polling and metadata requests from any thread.
/// `@unchecked Sendable` because it holds C pointers; the last reference destroys the client,
/// and only dedicated threads (the poll loop, the publisher's blocking threads) hold one long
/// enough to be the last.
final class KafkaProducer: @unchecked Sendable {
    private let client: OpaquePointer
    private let topic: OpaquePointer
    private let topicName: String
    private let context: KafkaClientContext

    /// Creates the producer; it connects to the brokers in the background.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming the setting librdkafka refused.
    init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        let context = KafkaClientContext(logger: logger)
        let client = try KafkaNativeClient.make(
            RD_KAFKA_PRODUCER, settings: configuration.librdkafkaSettings, context: context
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        }
        guard let topic = rd_kafka_topic_new(client, configuration.topic, nil) else {
            let error = rd_kafka_last_error()
            rd_kafka_destroy(client)
            throw KafkaError(.clientCreationFailed, "cannot open topic \(configuration.topic)", error: error)
        }
        self.client = client
        self.topic = topic
        self.topicName = configuration.topic
        self.context = context
    }

    deinit {
        rd_kafka_topic_destroy(topic)
        rd_kafka_destroy(client)
    }

    /// Whether librdkafka raised a fatal error: this producer can deliver nothing more.
    var hasFatalError: Bool { context.hasFatalError }

    /// Enqueues a copy of `key` and `value`; `opaque` comes back in the delivery report.
    /// Returns the error when librdkafka refused the message (then there is no report).
    func enqueue(key: [UInt8], value: [UInt8], opaque: UnsafeMutableRawPointer) -> rd_kafka_resp_err_t {
        key.withUnsafeBytes { keyBytes in
            value.withUnsafeBytes { valueBytes in
                fte_kafka_produce_copy(
                    topic, keyBytes.baseAddress, keyBytes.count, valueBytes.baseAddress, valueBytes.count, opaque)
            }
        }
    }

    /// Serves delivery reports and client callbacks, waiting up to `milliseconds` for the first.
    func serveCallbacks(waitingUpTo milliseconds: Int32) {
        rd_kafka_poll(client, milliseconds)
    }

    /// Waits up to `milliseconds` for every enqueued message to be reported.
    func flush(waitingUpTo milliseconds: Int32) {
        _ = rd_kafka_flush(client, milliseconds)
    }

    /// Abandons every message not yet reported: each gets a purge error in its delivery report,
    /// served before this returns.
    func failOutstanding() {
        _ = rd_kafka_purge(client, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        _ = rd_kafka_flush(client, 1_000)
    }

    /// Asks a broker for the topic's metadata.
    /// - Throws: ``QueueError`` `unavailable` when no broker answers in time or the topic is missing.
    func checkTopicMetadata(waitingUpTo milliseconds: Int32) throws {
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let error = rd_kafka_metadata(client, 0, topic, &metadata, milliseconds)
        defer { metadata.map { rd_kafka_metadata_destroy($0) } }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw QueueError.unavailable("no Kafka broker answered: \(KafkaError.describe(error))")
        }
        guard metadata.pointee.topic_cnt == 1, let entry = metadata.pointee.topics?.pointee else {
            throw QueueError.unavailable("the brokers sent no metadata for topic \(topicName)")
        }
        guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR, entry.partition_cnt > 0 else {
            throw QueueError.unavailable("topic \(topicName) is not available: \(KafkaError.describe(entry.err))")
        }
    }

    /// Raises a fatal error, as a broker fencing the producer would (tests only).
    func raiseFatalErrorForTesting() {
        _ = rd_kafka_test_fatal_error(client, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, "raised by a test")
    }
}
