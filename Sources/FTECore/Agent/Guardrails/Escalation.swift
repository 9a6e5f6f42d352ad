/// A hand-off of a conversation to a human: why, and what the human needs to know.
public struct Escalation: Sendable, Equatable {
    public var reason: EscalationReason
    /// A short summary for the person taking over.
    public var summary: String

    public init(reason: EscalationReason, summary: String) {
        self.reason = reason
        self.summary = summary
    }
}
