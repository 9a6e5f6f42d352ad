/// Why a Pub/Sub push body was rejected. Redelivery cannot fix a malformed body, so the
/// gateway acknowledges these with 2xx and logs the ``description``.
public struct PubSubPushError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which layer is malformed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case malformedEnvelope, malformedData, malformedNotification }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The JSON envelope (`message`, `messageId`) is missing or has the wrong shape.
        public static let malformedEnvelope = Code(.malformedEnvelope)
        /// `message.data` is not base64.
        public static let malformedData = Code(.malformedData)
        /// The decoded data is not a Gmail notification.
        public static let malformedNotification = Code(.malformedNotification)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var description: String { message }

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
