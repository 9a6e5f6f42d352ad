/// An error from an embedder: a missing or corrupt model, bad input, or a failed computation.
///
/// `description` names the file or directory and what is wrong with it, in one line, so a
/// command can print it as it is. Match on ``code`` to react to a kind of failure.
public struct EmbeddingError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case modelNotFound
            case missingFile
            case corruptModel
            case missingTensor
            case wrongShape
            case invalidConfiguration
            case invalidInput
            case cancelled
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The model directory does not exist.
        public static let modelNotFound = Code(.modelNotFound)
        /// A file the model needs (weights, vocabulary, configuration) is not in its directory.
        public static let missingFile = Code(.missingFile)
        /// A model file cannot be parsed: truncated, bad header, wrong data type.
        public static let corruptModel = Code(.corruptModel)
        /// The weights file lacks a tensor the model needs.
        public static let missingTensor = Code(.missingTensor)
        /// A tensor's shape does not match the model's configuration.
        public static let wrongShape = Code(.wrongShape)
        /// A setting (environment variable, flag, config.json value) is invalid.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The input to embed is unusable.
        public static let invalidInput = Code(.invalidInput)
        /// The calling task was cancelled before the embeddings were complete.
        public static let cancelled = Code(.cancelled)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What is wrong, in words; with ``path`` it makes the description.
    public var message: String
    /// The file or directory concerned, if any.
    public var path: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what is wrong.
    ///   - path: the file or directory concerned.
    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        guard let path else { return message }
        return "\(path): \(message)"
    }
}
