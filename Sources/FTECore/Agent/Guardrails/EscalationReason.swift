/// Why a conversation goes to a human. The raw values are stored with escalations and counted
/// in reports; do not change them.
public enum EscalationReason: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The customer asks about prices, quotes or discounts (never quoted or negotiated).
    case pricingInquiry = "pricing_inquiry"
    /// The customer asks for money back (refunds are never processed by the agent).
    case refundRequest = "refund_request"
    /// The customer mentions lawyers, lawsuits or other legal action.
    case legalMatter = "legal_matter"
    /// The customer's message scores below the sentiment threshold.
    case negativeSentiment = "negative_sentiment"
    /// The customer asks for a person.
    case humanRequested = "human_requested"
    /// Two knowledge-base searches found nothing relevant.
    case noRelevantKnowledge = "no_relevant_knowledge"
    /// The model's reply failed the output checks twice.
    case policyViolation = "policy_violation"
    /// The model is failing and the knowledge base has no confident answer.
    case agentUnavailable = "agent_unavailable"
    /// The reply could not be delivered through the channel.
    case deliveryFailed = "delivery_failed"

    /// A short explanation for people (support leads, reports); ``rawValue`` is the stored code.
    public var description: String {
        switch self {
        case .pricingInquiry: "The customer asks about pricing, a quote or a discount."
        case .refundRequest: "The customer asks for a refund."
        case .legalMatter: "The customer mentions legal action."
        case .negativeSentiment: "The customer is very unhappy."
        case .humanRequested: "The customer asks to speak to a person."
        case .noRelevantKnowledge: "The knowledge base has no answer to the question."
        case .policyViolation: "The assistant's reply broke the reply rules twice."
        case .agentUnavailable: "The assistant is unavailable and the knowledge base has no confident answer."
        case .deliveryFailed: "The reply could not be delivered."
        }
    }
}
