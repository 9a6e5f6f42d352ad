import Foundation

/// What simulated customers write besides knowledge-base questions: texts that must go to a
/// person, and the greetings and sign-offs around questions.
///
/// Each escalation text trips exactly its own trigger in ``EscalationTriggers`` (the
/// negative ones only the sentiment threshold) on its channel, and the wrappers trip none;
/// TrafficPlanTests checks this with the real triggers and sentiment lexicon.
enum TrafficTexts {
    /// Texts for one escalation reason: short, chatty ones for WhatsApp and a couple of sentences
    /// for e-mail and the web form.
    struct Escalation {
        var chat: [String]
        var letter: [String]
        var subjects: [String]
        var category: TicketCategory
    }

    /// The reasons the triggers detect before the model, which the plan spreads its escalations over.
    static let escalationReasons: [EscalationReason] = [
        .pricingInquiry, .refundRequest, .legalMatter, .humanRequested, .negativeSentiment,
    ]

    static let escalations: [EscalationReason: Escalation] = [
        .pricingInquiry: Escalation(
            chat: [
                "hi! how much is the Team plan for 12 people?",
                "do you have a discount for students?",
                "what's the price of the Business plan per user?",
                "is there a cheaper plan for a team of 3?",
                "could you send me a quote for 50 seats?",
                "any promo code for the annual plan?",
            ],
            letter: [
                "We are a team of 40 and are looking at the Business plan. How much would it be per month if we pay yearly?",
                "Do you offer a discount for registered nonprofits? We are a small charity with about 15 volunteers.",
                "Could you send us a formal quote for 200 seats on the Enterprise plan? Our procurement team needs it by Friday.",
                "What is the price difference between the Team and Business plans for 25 users? We mainly want SSO.",
                "Is there a special offer for schools? We would like to roll the boards out to all our teachers.",
                "We are comparing tools this month. Can you tell me what the Enterprise edition costs for about 80 users?",
            ],
            subjects: ["Pricing question", "Plans for a larger team", "Quote request", "Nonprofit and school plans"],
            category: .billing),
        .refundRequest: Escalation(
            chat: [
                "hi, can I get a refund for this month? we stopped using it",
                "I'd like my money back for the extra seat please",
                "can you refund the renewal from yesterday?",
                "need a refund for the duplicate charge on my card",
                "please reimburse the second payment, it went through twice",
            ],
            letter: [
                "Our annual subscription renewed yesterday, but we moved to another tool last month. Could you refund the renewal?",
                "I was billed for 10 seats although we only have 6 members since March. I'd like a refund for the difference.",
                "My card was charged twice for the same invoice this month. Please refund one of the two payments.",
                "We cancelled our trial upgrade within a day and never used the Business features. Can we have our money back?",
                "I'm requesting a refund for the last two months, since our workspace was closed and nobody logged in.",
            ],
            subjects: ["Refund request", "Charged twice", "Subscription renewal", "Seats on our last invoice"],
            category: .billing),
        .legalMatter: Escalation(
            chat: [
                "our lawyer wants a copy of the contract we signed with you",
                "who should our attorney contact about the data processing terms?",
                "my solicitor will get in touch about the account ownership",
                "is there a legal contact I can send a letter to?",
            ],
            letter: [
                "Our lawyer has asked for a signed copy of the service agreement and all amendments. Where should she send the request?",
                "I am writing on behalf of our attorney regarding ownership of the workspace after our company split. Who handles this?",
                "A former partner claims ownership of our boards and we are preparing a lawsuit. We need an official statement of who the account owner is.",
                "Please tell me where to send legal correspondence. Our solicitor needs a postal address for your company's registered office.",
                "We have received a subpoena asking for board records, and our legal department would like to know how to proceed with you.",
            ],
            subjects: ["Request from our lawyer", "Account ownership", "Contract documents", "Correspondence address"],
            category: .general),
        .humanRequested: Escalation(
            chat: [
                "can I talk to a real person please?",
                "agent",
                "human please",
                "I'd like to speak with someone from your team",
                "could you connect me to a representative?",
                "can I chat with a human?",
            ],
            letter: [
                "I would prefer to talk to a person about our workspace setup. Could someone from your team give me a call this week?",
                "Could you put me through to a representative? I have a few questions about our account that I'd rather discuss with a human.",
                "I'd like to speak with a support agent directly, not the automated assistant. My question is about our workspace.",
                "Please pass this to someone on your support staff, I want a real person to look at our account.",
                "Is it possible to speak to a manager about our onboarding? We would like a short call with a human.",
            ],
            subjects: ["Request for a call", "Our account", "Workspace setup", "Onboarding call"],
            category: .general),
        .negativeSentiment: Escalation(
            chat: [
                "this app is terrible, lost a whole day of work. awful",
                "worst update ever, everything is broken and I'm furious",
                "seriously?? the board crashed AGAIN and my changes are gone. so angry",
                "this is ridiculous, nothing loads and I'm sick of it",
                "horrible experience, the sync destroyed my notes. I'm so frustrated",
            ],
            letter: [
                "This is absolutely terrible. The board has been broken for three days, my team lost hours of work and nothing works. I am furious.",
                "I am extremely disappointed and angry. Your latest update destroyed our sprint board and we missed a deadline because of it.",
                "Awful experience. The app crashed during our client demo, we looked ridiculous, and the data we entered is gone. Horrible.",
                "I'm fed up. Every single day something fails, the notifications are useless and the boards are painfully slow. Worst tool we have ever used.",
                "Honestly disgusted with this service. Cards vanished, comments were lost and my whole team is furious and miserable.",
            ],
            subjects: ["Boards broken again", "Terrible experience", "Lost work", "Very disappointed"],
            category: .feedback),
    ]

    // MARK: Around a knowledge-base question

    static let chatOpenings = ["", "", "hi, ", "hey, ", "hello! "]
    static let chatClosings = ["", "", " thanks", " thx"]
    static let emailGreetings = ["Hello", "Hi", "Hi there", "Good morning", "Hello support team"]
    static let emailIntroductions = [
        "", "", "I have a question about Nimbus Boards. ", "Quick question from our team. ", "Hope you can help with this. ",
    ]
    static let emailSignOffs = ["Thanks", "Thank you", "Best regards", "Kind regards", "Cheers"]
    static let formClosings = ["", " Thanks.", " Thank you!"]
    static let subjectPrefixes = ["", "Question about ", "Help with "]

    /// The web-form category a customer picks for a question answered by `source`.
    static func category(forSource source: String) -> TicketCategory {
        switch source.split(separator: "/").first {
        case "billing": .billing
        case "troubleshooting", "api", "integrations": .technical
        case "mobile": .bugReport
        default: .general
        }
    }

    /// How names and abbreviations in document names are written.
    private static let properWords = [
        "api": "API", "csv": "CSV", "gdpr": "GDPR", "github": "GitHub", "google": "Google", "jira": "Jira",
        "saml": "SAML", "slack": "Slack", "sso": "SSO", "trello": "Trello", "vat": "VAT",
    ]

    /// "security/sso-saml-setup.md" → "SSO SAML setup".
    static func topic(ofSource source: String) -> String {
        let file = source.split(separator: "/").last.map(String.init) ?? source
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        return stem.split(separator: "-").map { properWords[String($0)] ?? String($0) }.joined(separator: " ")
    }
}
