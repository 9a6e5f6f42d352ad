/// Why a knowledge-base operation was refused.
public struct KnowledgeError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case embedderMismatch, invalidInput, empty }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The knowledge base was embedded by another model or dimension.
        public static let embedderMismatch = Code(.embedderMismatch)
        /// A malformed argument or input file.
        public static let invalidInput = Code(.invalidInput)
        /// Nothing has been ingested yet.
        public static let empty = Code(.empty)
    }

    public var code: Code
    public var message: String
    public var description: String { message }
}
