import CRdKafka

/// An error from the Kafka client itself (configuration, consuming, committing), as opposed to
/// ``QueueError``, which tells a publisher's caller whether to retry.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// A setting is unknown or its value is not accepted; ``KafkaError/setting`` names it.
        case invalidConfiguration
        /// librdkafka could not create the client.
        case clientCreationFailed
        /// Subscribing or consuming failed.
        case consumeFailed
        /// Committing an offset failed.
        case commitFailed
        /// The client was closed.
        case closed
    }

    /// What kind of failure this is.
    public var code: Code
    /// The setting at fault: a librdkafka property (`linger.ms`) or an `FTE_` variable.
    public var setting: String?
    /// librdkafka's explanation.
    public var message: String
    /// librdkafka's error code (`rd_kafka_resp_err_t`), when there is one.
    public var errorCode: Int32?

    public init(_ code: Code, _ message: String, setting: String? = nil, errorCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.setting = setting
        self.errorCode = errorCode
    }

    /// An error carrying librdkafka's name and description of `error`.
    init(_ code: Code, _ context: String, error: rd_kafka_resp_err_t) {
        self.init(code, "\(context): \(KafkaError.describe(error))", errorCode: error.rawValue)
    }

    /// Whether the group coordinator refused the request because the group is rebalancing or
    /// this member's generation is no longer current: the request is for after the rebalance.
    public var isRebalanceRefusal: Bool {
        [RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION].map(\.rawValue).contains(errorCode ?? 0)
    }

    public var description: String {
        var text = "kafka \(code.rawValue)"
        if let setting { text += " (\(setting))" }
        return text + ": " + message
    }

    /// librdkafka's symbolic name and text for an error code, e.g. `_MSG_TIMED_OUT: Local: Message timed out`.
    static func describe(_ error: rd_kafka_resp_err_t) -> String {
        let name = rd_kafka_err2name(error).map { String(cString: $0) } ?? "\(error.rawValue)"
        let text = rd_kafka_err2str(error).map { String(cString: $0) } ?? "unknown error"
        return "\(name): \(text)"
    }
}
