import Foundation

/// Why a ticket operation was refused.
public struct TicketError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case notFound, invalidTransition, invalidInput, noAddress }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// No ticket has the given id.
        public static let notFound = Code(.notFound)
        /// The ticket's status does not allow the change (e.g. resolving a resolved ticket).
        public static let invalidTransition = Code(.invalidTransition)
        /// An argument is malformed (bad id, empty reason, …).
        public static let invalidInput = Code(.invalidInput)
        /// The customer has no address on the channel a reply must go out on.
        public static let noAddress = Code(.noAddress)
    }

    public var code: Code
    public var message: String
    public var description: String { message }

    static func notFound(_ id: UUID) -> TicketError {
        TicketError(code: .notFound, message: "no ticket with id \(id.lowercasedString)")
    }
}
