/// Why a Gmail message could not become an event. The message's content is never included.
public struct GmailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is missing or malformed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedMessage, missingSender, missingBody, undecodableBody
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The API response is not a message (bad JSON, no `id`, bad `internalDate`).
        public static let malformedMessage = Code(.malformedMessage)
        /// No `From` header with a valid address.
        public static let missingSender = Code(.missingSender)
        /// No text/plain or text/html part with content (or only quoted history).
        public static let missingBody = Code(.missingBody)
        /// The body part's data is not base64url, or not text in its charset.
        public static let undecodableBody = Code(.undecodableBody)

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
