import CRdKafka
import Logging
import Synchronization

/// What librdkafka's client-wide callbacks reach through the client's opaque pointer: the
/// logger, the fatal error flag and a consumer's partition changes. It must outlive the
/// `rd_kafka_t` it is attached to.
final class KafkaClientContext: Sendable {
    let logger: Logger
    private let fatal = Atomic<Bool>(false)
    private let partitionChanges = Mutex<[KafkaConsumerEvent]>([])

    init(logger: Logger) {
        self.logger = logger
    }

    /// Whether librdkafka raised a fatal error (`RD_KAFKA_RESP_ERR__FATAL`): the client is unusable.
    var hasFatalError: Bool { fatal.load(ordering: .acquiring) }

    fileprivate func recordFatalError() {
        fatal.store(true, ordering: .releasing)
    }

    /// Keeps a change the rebalance callback applied until the poll that served it returns it.
    func recordPartitionChange(_ change: KafkaConsumerEvent) {
        partitionChanges.withLock { $0.append(change) }
    }

    /// The partition changes recorded since the last call, oldest first.
    func takePartitionChanges() -> [KafkaConsumerEvent] {
        partitionChanges.withLock { changes in
            defer { changes.removeAll() }
            return changes
        }
    }

    /// The context attached to `client` by ``KafkaNativeClient/make(_:settings:context:)``.
    static func of(_ client: OpaquePointer?) -> KafkaClientContext? {
        guard let client, let opaque = rd_kafka_opaque(client) else { return nil }
        return Unmanaged<KafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Creates librdkafka clients (and reports the library's version). The callers own the `rd_kafka_t`
/// and destroy it before they release the ``KafkaClientContext``.
enum KafkaNativeClient {
    /// librdkafka's version, e.g. `2.0.2`.
    static var libraryVersion: String { String(cString: rd_kafka_version_str()) }

    /// A new producer or consumer with `settings`; `configure` registers callbacks on the
    /// configuration first.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming the setting librdkafka refused.
    static func make(
        _ type: rd_kafka_type_t, settings: [(String, String)], context: KafkaClientContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(.clientCreationFailed, "librdkafka could not allocate a configuration")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        for (name, value) in settings {
            guard rd_kafka_conf_set(conf, name, value, &errorText, errorText.count) == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(.invalidConfiguration, decodeErrorText(errorText), setting: name)
            }
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_error_cb(conf, reportError)
        rd_kafka_conf_set_log_cb(conf, forwardLog)
        configure(conf)
        // rd_kafka_new takes ownership of the configuration only when it succeeds.
        guard let client = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(.clientCreationFailed, decodeErrorText(errorText))
        }
        return client
    }
}

/// librdkafka's `error_cb`: records fatal errors, logs the others (mostly transient broker errors).
private func reportError(
    client: OpaquePointer?, code: Int32, reason: UnsafePointer<CChar>?, _: UnsafeMutableRawPointer?
) {
    guard let context = KafkaClientContext.of(client) else { return }
    let error = rd_kafka_resp_err_t(code)
    let text = reason.map { String(cString: $0) } ?? KafkaError.describe(error)
    if error == RD_KAFKA_RESP_ERR__FATAL {
        var detail = [CChar](repeating: 0, count: 512)
        let underlying = rd_kafka_fatal_error(client, &detail, detail.count)
        context.recordFatalError()
        context.logger.error("kafka fatal error", metadata: [
            "error": "\(KafkaError.describe(underlying))", "detail": "\(decodeErrorText(detail))",
        ])
    } else {
        context.logger.warning("kafka error", metadata: ["error": "\(KafkaError.describe(error))", "reason": "\(text)"])
    }
}

/// librdkafka's `log_cb`: forwards syslog-levelled lines to the client's logger.
private func forwardLog(
    client: OpaquePointer?, level: Int32, facility: UnsafePointer<CChar>?, line: UnsafePointer<CChar>?
) {
    guard let context = KafkaClientContext.of(client), let line else { return }
    let swiftLevel: Logger.Level = switch level {
    case ...4: .warning
    case 5...6: .info
    default: .debug
    }
    context.logger.log(level: swiftLevel, "\(String(cString: line))", metadata: [
        "facility": "\(facility.map { String(cString: $0) } ?? "")",
    ])
}

/// The text librdkafka wrote into a NUL-terminated error buffer.
func decodeErrorText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
