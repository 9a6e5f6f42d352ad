import Testing
@testable import FTECore

@Suite struct EscalationTriggersTests {
    private let triggers = EscalationTriggers()

    private func reasons(_ text: String, _ channel: Channel = .email, sentiment: Double = 0.5) -> [EscalationReason] {
        triggers.reasons(for: text, channel: channel, sentiment: sentiment)
    }

    @Test func reasonRawValuesAreTheStoredCodes() {
        #expect(EscalationReason.allCases.map(\.rawValue) == [
            "pricing_inquiry", "refund_request", "legal_matter", "negative_sentiment", "human_requested",
            "no_relevant_knowledge", "policy_violation", "agent_unavailable", "delivery_failed",
        ])
        for reason in EscalationReason.allCases {
            #expect(!reason.description.isEmpty && reason.description != reason.rawValue)
        }
    }

    // MARK: Legal

    @Test(arguments: [
        "I will contact my lawyer about this.",
        "Our LAWYERS are looking at it",
        "This is a legal matter now",
        "I'm going to sue you",
        "We are suing your company.",
        "You will be sued.",
        "My attorney will be in touch",
        "Expect a lawsuit.",
        "We will Sue you!",
        "sue",
    ])
    func legalWordsEscalate(text: String) {
        #expect(reasons(text).first == .legalMatter)
    }

    @Test(arguments: [
        "There is an issue with my export",
        "I want to pursue this further with the docs",
        "Sue from accounting can't log in.",
        "Hi, I'm Sue and I need help with boards.",
        "Please update the legal name on our invoices",
        "Our legal company name changed",
        "Lawyering is not our business",
    ])
    func lookalikesAndPlainMentionsDoNotEscalate(text: String) {
        #expect(!reasons(text).contains(.legalMatter))
    }

    // MARK: A person

    @Test(arguments: [
        "I want to speak to a human",
        "Can I talk to a real person please?",
        "Let me talk to an agent",
        "I'd like to speak with a representative.",
        "Please let me talk to someone",
        "human please",
        "Connect me to a human agent",
        "Transfer me to your supervisor",
        "I don't want to talk to a bot",
        "Stop the chatbot, please",
        "Is there a live agent?",
        "Give me a human!",
    ])
    func askingForAPersonEscalates(text: String) {
        #expect(reasons(text).contains(.humanRequested))
    }

    @Test(arguments: ["human", "Agent", "REPRESENTATIVE!", "  human?? ", "human."])
    func aBareWordOnWhatsAppAsksForAPerson(text: String) {
        #expect(reasons(text, .whatsapp) == [.humanRequested])
        #expect(reasons(text, .email).isEmpty)
        #expect(reasons(text, .webForm).isEmpty)
    }

    @Test(arguments: [
        "The agent app crashes on start",
        "How do I add a person to my board?",
        "Our team talked about this feature",
        "humane pricing of the storage page",
        "The human resources board template is missing",
    ])
    func mentionsOfPeopleAreNotRequests(text: String) {
        #expect(!reasons(text, .whatsapp).contains(.humanRequested))
    }

    // MARK: Money

    @Test(arguments: [
        "I want a refund",
        "Please refund my last invoice",
        "I want my money back!",
        "I filed a chargeback with my bank",
        "Can you reimburse the double charge?",
        "I read the refund policy and I want a refund.",
    ])
    func refundsEscalate(text: String) {
        #expect(reasons(text).contains(.refundRequest))
    }

    @Test func askingAboutTheRefundPolicyIsAnsweredFromTheKnowledgeBase() {
        #expect(reasons("Where can I read your refund policy?").isEmpty)
    }

    @Test(arguments: [
        "What is the price of the Business plan?",
        "How much does the Pro plan cost?",
        "How much is it per user?",
        "How much would the Enterprise plan be?",
        "Can I get a discount for nonprofits?",
        "Could you send me a quote for 50 seats?",
        "Is the pricing negotiable?",
        "Your plans are too expensive",
        "Do you have a promo code?",
        "How much do you charge for extra storage?",
    ])
    func pricingQuestionsEscalate(text: String) {
        #expect(reasons(text).contains(.pricingInquiry))
    }

    @Test(arguments: [
        "How much storage do I have?",
        "How much data can I import at once?",
        "How many boards can I create?",
        "Here is a quote from your docs: boards sync hourly",
        "How much is the storage limit on attachments?",
    ])
    func quantityQuestionsAreNotPricing(text: String) {
        #expect(!reasons(text).contains(.pricingInquiry))
    }

    // MARK: Sentiment and order

    @Test func sentimentBelowTheThresholdEscalates() {
        #expect(reasons("Export fails.", sentiment: 0.29) == [.negativeSentiment])
        #expect(reasons("Export fails.", sentiment: 0.3).isEmpty)
        let strict = EscalationTriggers(sentimentThreshold: 0.4)
        #expect(strict.reason(for: "Export fails.", channel: .email, sentiment: 0.35) == .negativeSentiment)
    }

    @Test func allReasonsComeMostPressingFirst() {
        let text = "This is outrageous, refund me or talk to my lawyer, and how much is the Pro plan anyway? Get me a human."
        #expect(reasons(text, sentiment: 0.1) == [.legalMatter, .humanRequested, .refundRequest, .pricingInquiry, .negativeSentiment])
        #expect(triggers.reason(for: text, channel: .email, sentiment: 0.1) == .legalMatter)
    }

    @Test func anOrdinaryQuestionPasses() {
        #expect(triggers.reason(for: "How do I export my board to CSV?", channel: .webForm, sentiment: 0.5) == nil)
    }
}
