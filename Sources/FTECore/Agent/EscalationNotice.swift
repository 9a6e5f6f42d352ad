/// What the customer is told when their conversation goes to a human: why, what happens next
/// and when. Never claims anything beyond the hand-off itself.
public struct EscalationNotice: Sendable {
    /// When a person replies, in words (`FTE_HUMAN_REPLY_ETA`).
    public var eta: String

    public static let defaultETA = "within one business day"

    public init(eta: String = Self.defaultETA) {
        self.eta = eta
    }

    /// The notice for `reason`.
    public func text(for reason: EscalationReason) -> String {
        let next = "I have passed your message to a member of our support team, who will reply to you \(eta)."
        return switch reason {
        case .pricingInquiry:
            "Thank you for your interest. Questions about pricing and quotes are handled by our team. \(next)"
        case .refundRequest:
            "I understand you would like a refund. Refunds are handled by our team, not by me. \(next)"
        case .legalMatter:
            "Thank you for letting us know. Because your message concerns a legal matter, a colleague needs to handle it. \(next)"
        case .negativeSentiment:
            "I am sorry about the trouble you are having, and I want to make sure this is handled properly. \(next)"
        case .humanRequested:
            "Of course. \(next)"
        case .noRelevantKnowledge:
            "Thank you for your question. I could not find a reliable answer in our documentation. \(next)"
        case .policyViolation, .agentUnavailable:
            "I am sorry, I cannot give you a complete answer right now. \(next)"
        case .deliveryFailed:
            "We could not deliver our earlier reply. \(next)"
        }
    }
}
