/// An error loading the sentiment lexicon: the file is missing, unreadable or malformed.
///
/// `description` names the file and what is wrong with it, in one line. Match on ``code`` to
/// react to a kind of failure.
public struct SentimentError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case lexiconNotFound
            case unreadableLexicon
            case malformedLexicon
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No file exists at the lexicon's path.
        public static let lexiconNotFound = Code(.lexiconNotFound)
        /// The file exists but cannot be read as UTF-8 text.
        public static let unreadableLexicon = Code(.unreadableLexicon)
        /// A line is not `word<TAB>valence…`, or the file holds no entries.
        public static let malformedLexicon = Code(.malformedLexicon)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What is wrong, in words; with ``path`` it makes the description.
    public var message: String
    /// The lexicon file concerned.
    public var path: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what is wrong.
    ///   - path: the lexicon file.
    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): \(message)" }
}
