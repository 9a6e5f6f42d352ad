/// Why `fte migrate` refused to run.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case checksumMismatch, unknownVersion, failed }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// An applied migration's SQL differs from the one in this binary.
        public static let checksumMismatch = Code(.checksumMismatch)
        /// The database has a migration this binary does not know (it is newer than this fte).
        public static let unknownVersion = Code(.unknownVersion)
        /// A migration's SQL failed; nothing of it was applied.
        public static let failed = Code(.failed)
    }

    public var code: Code
    public var message: String

    public var description: String { message }
}
