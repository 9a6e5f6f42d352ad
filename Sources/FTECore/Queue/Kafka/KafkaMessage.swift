import CRdKafka

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
