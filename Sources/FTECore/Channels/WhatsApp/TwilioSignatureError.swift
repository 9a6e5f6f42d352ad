/// Why a Twilio webhook's signature was rejected; the gateway answers 403 to all of them.
public struct TwilioSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missingSignature, mismatch, missingBodyHash, bodyHashMismatch
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No `X-Twilio-Signature` header.
        public static let missingSignature = Code(.missingSignature)
        /// The header matches neither port variant of the URL.
        public static let mismatch = Code(.mismatch)
        /// A JSON webhook's URL has no `bodySHA256` query parameter.
        public static let missingBodyHash = Code(.missingBodyHash)
        /// The SHA-256 of a JSON webhook's body differs from the URL's `bodySHA256`.
        public static let bodyHashMismatch = Code(.bodyHashMismatch)

        public var description: String { base.rawValue }
    }

    public var code: Code

    public init(_ code: Code) { self.code = code }

    public var description: String {
        switch code {
        case .missingSignature: "the request has no X-Twilio-Signature header"
        case .mismatch: "X-Twilio-Signature does not match the request"
        case .missingBodyHash: "the JSON webhook URL has no bodySHA256 query parameter"
        default: "the body's SHA-256 differs from the bodySHA256 query parameter"
        }
    }
}
