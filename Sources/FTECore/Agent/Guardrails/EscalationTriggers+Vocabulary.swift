/// The words and phrases that send a message to a human before the model sees it, in the
/// notation of ``PhrasePattern``. Words are lower case; list each inflection that should count.
extension EscalationTriggers {
    enum Vocabulary {
        // MARK: Legal

        static let legalWords: Set<String> = [
            "lawyer", "lawyers", "legal", "legally", "sue", "sues", "sued", "suing", "attorney", "attorneys",
            "lawsuit", "lawsuits", "litigation", "solicitor", "solicitors",
        ]
        /// Ordinary billing and account phrases that contain "legal".
        static let legalExemptions = [
            PhrasePattern("legal company|business? name|entity|address"),
        ]
        /// Before a capitalised "Sue", these words make it the verb rather than a first name.
        static let sueIntent: Set<String> = [
            "to", "will", "would", "could", "can", "shall", "should", "might", "may", "gonna", "and", "or",
        ]
        /// After a capitalised "Sue", these words make it the verb rather than a first name.
        static let sueObjects: Set<String> = [
            "you", "your", "them", "us", "the", "this", "him", "her", "everyone", "over", "for",
        ]

        // MARK: A person

        private static let people =
            "human|humans|person|people|agent|agents|representative|representatives|rep|operator|someone|somebody|manager|supervisor|staff"
        static let humanRequest = [
            PhrasePattern("speak|talk|chat|speaking|talking to|with ~3 \(people)"),
            PhrasePattern("connect|transfer|put|pass|forward|escalate me|us|this|it ~2 to|with|through ~2 \(people)"),
            PhrasePattern("real|actual|live human|humans|person|people|agent|representative|someone|somebody"),
            PhrasePattern("human being|beings|agent|representative|support|help|please|pls|plz"),
            PhrasePattern("agent|representative|operator|person please|pls|plz"),
            PhrasePattern("want|need|request|requesting|get|give ~2 human|humans|representative|operator"),
            PhrasePattern("don't|dont|not|stop|hate|enough ~5 bot|bots|robot|robots|chatbot|chatbots"),
        ]
        /// On WhatsApp, a message of just one of these words asks for a person.
        static let bareHumanWords: Set<String> = ["human", "agent", "representative"]

        // MARK: Money

        static let refundWords: Set<String> = [
            "refund", "refunds", "refunded", "refunding", "refundable", "chargeback", "chargebacks",
            "reimburse", "reimbursed", "reimbursement", "reimbursing",
        ]
        static let refundPhrases = [
            PhrasePattern("money back"),
            PhrasePattern("charge back"),
            PhrasePattern("reverse|dispute the|my|this|that? charge|charges|payment|transaction"),
        ]
        /// Questions about the published policy are answered from the knowledge base.
        static let refundExemptions = [
            PhrasePattern("refund|refunds policy|policies|terms"),
        ]

        static let pricingWords: Set<String> = [
            "price", "prices", "pricing", "priced", "cost", "costs", "costing", "costly", "discount", "discounts",
            "discounted", "coupon", "coupons", "voucher", "vouchers", "negotiate", "negotiating", "negotiation",
            "negotiable", "cheaper", "cheapest", "expensive",
        ]
        /// "how much" alone is not about money ("how much storage do I have"); these are.
        static let pricingPhrases = [
            PhrasePattern("how much ~5 charge|charges|charged|pay|paying|fee|fees|dollars|euros|money|bill|billed"),
            PhrasePattern("how much is|are|would|will ~3 plan|plans|subscription|license|licence|licenses|seat|seats|tier|upgrade|it|that|this|edition"),
            PhrasePattern("how much for|per"),
            PhrasePattern("price|pricing|custom|formal|get|request|need|want|send ~2 quote|quotation|quotes"),
            PhrasePattern("quote|quotation for"),
            PhrasePattern("promo|promotional code|codes"),
            PhrasePattern("special|better|best deal|deals|offer|offers|rate|rates"),
        ]
    }
}
