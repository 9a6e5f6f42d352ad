/// Why the CRM cannot store an inbound message, however often it is tried: the event names no
/// address to find the customer by, or a web-form event carries no ticket id. The worker sends
/// such an event to the dead letters at once.
public struct IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is missing or malformed.
    public var message: String
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}
