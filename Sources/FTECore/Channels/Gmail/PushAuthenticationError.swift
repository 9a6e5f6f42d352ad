/// Why a Pub/Sub push request was not authenticated. ``httpStatus`` tells the gateway what to
/// answer: 401 when the credential is missing, malformed, expired or forged; 403 when a valid
/// Google token was issued for another audience or service account; 503 when the signing keys
/// could not be fetched (Pub/Sub then redelivers).
public struct PushAuthenticationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missingToken, malformedToken, unsupportedAlgorithm, unknownKey, invalidSignature
            case expired, notYetValid, invalidIssuer, wrongAudience, wrongServiceAccount, emailNotVerified
            case keySetUnavailable
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No `Authorization: Bearer` header (or no shared token).
        public static let missingToken = Code(.missingToken)
        /// Not three base64url segments of JSON, or claims of the wrong type.
        public static let malformedToken = Code(.malformedToken)
        /// The header's `alg` is not RS256 (`none`, HS256, …).
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// No key with the header's `kid`, even after refreshing the key set.
        public static let unknownKey = Code(.unknownKey)
        /// The signature does not verify (forged or tampered), or a shared token differs.
        public static let invalidSignature = Code(.invalidSignature)
        /// `exp` is past (beyond the allowed clock skew).
        public static let expired = Code(.expired)
        /// `iat` or `nbf` is in the future (beyond the allowed clock skew).
        public static let notYetValid = Code(.notYetValid)
        /// `iss` is not Google's.
        public static let invalidIssuer = Code(.invalidIssuer)
        /// `aud` is not the configured audience.
        public static let wrongAudience = Code(.wrongAudience)
        /// `email` is not the configured push service account.
        public static let wrongServiceAccount = Code(.wrongServiceAccount)
        /// `email_verified` is not true.
        public static let emailNotVerified = Code(.emailNotVerified)
        /// The key set could not be obtained or parsed.
        public static let keySetUnavailable = Code(.keySetUnavailable)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Names the failed check; never contains the token.
    public var message: String
    public var description: String { message }

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status the gateway answers with.
    public var httpStatus: Int {
        switch code {
        case .wrongAudience, .wrongServiceAccount, .emailNotVerified: 403
        case .keySetUnavailable: 503
        default: 401
        }
    }
}
