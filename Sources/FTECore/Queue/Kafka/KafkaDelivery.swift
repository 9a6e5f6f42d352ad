import CRdKafka

/// Waits for one message's delivery report. A retained reference travels through librdkafka as
/// the message's opaque and comes back, exactly once, in ``deliveryReportCallback``.
final class DeliveryWaiter: Sendable {
    private let continuation: CheckedContinuation<rd_kafka_resp_err_t, Never>

    init(_ continuation: CheckedContinuation<rd_kafka_resp_err_t, Never>) {
        self.continuation = continuation
    }

    /// Hands a retained reference to librdkafka as the message opaque.
    func retainedOpaque() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }

    /// Takes back the reference of an opaque librdkafka will never report (the produce call failed).
    static func reclaim(_ opaque: UnsafeMutableRawPointer) {
        Unmanaged<DeliveryWaiter>.fromOpaque(opaque).release()
    }

    /// Resumes the waiting publish with the delivery outcome.
    func finish(_ error: rd_kafka_resp_err_t) {
        continuation.resume(returning: error)
    }
}

/// librdkafka's `dr_msg_cb`: runs on the thread that serves the producer's queue
/// (`rd_kafka_poll`/`rd_kafka_flush`) once per message, success or final failure.
let deliveryReportCallback: @convention(c) (
    OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?
) -> Void = { _, message, _ in
        guard let message, let opaque = message.pointee._private else { return }
        Unmanaged<DeliveryWaiter>.fromOpaque(opaque).takeRetainedValue().finish(message.pointee.err)
    }

extension QueueError {
    /// What a failed produce call or delivery report means to the publisher's caller: a message
    /// the cluster can never take is rejected, everything else (timeouts, outages, purges after
    /// a fatal error) is unavailable, so that the sender retries.
    init(delivery error: rd_kafka_resp_err_t) {
        let text = KafkaError.describe(error)
        switch error {
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE,
            RD_KAFKA_RESP_ERR_INVALID_RECORD, RD_KAFKA_RESP_ERR__INVALID_ARG:
            self = .rejected(text)
        default:
            self = .unavailable(text)
        }
    }
}
