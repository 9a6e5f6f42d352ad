/// The words and phrases that send a message to a human before the model sees it, in the
/// notation of ``PhrasePattern``. Words are lower case; list each inflection that should count.
extension EscalationTriggers {
    enum Vocabulary {
        // MARK: Legal

        static let legalWords: Set<String> = [
            "lawyer", "lawyers", "legal", "legally", "sue", "sues", "sued", "suing", "attorney", "attorneys",
            "lawsuit", "lawsuits", "litigation", "solicitor", "solicitors", "court", "courts", "subpoena", "subpoenaed",
        ]
        private static let lawyers = "lawyer|lawyers|attorney|attorneys|solicitor|solicitors"
        /// Ordinary billing and account phrases that contain "legal", and customers whose
        /// profession is the law ("as an attorney I need…") asking about the product.
        static let legalExemptions = [
            PhrasePattern("legal company|business? name|entity|address"),
            PhrasePattern("as a|an \(lawyers)"),
            PhrasePattern("i'm|im a|an \(lawyers)"),
            PhrasePattern("i am a|an \(lawyers)"),
            PhrasePattern("we're|we are \(lawyers)"),
            PhrasePattern("we|i run|own|have a|an|our|my? small? law firm|practice"),
            // Legal content the product holds: templates, terms pages, notices.
            PhrasePattern("legal document|documents|template|templates|text|texts|page|pages|notice|notices|disclaimer|disclaimers|imprint|footer"),
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
            PhrasePattern("get|give me|us a|an? manager|supervisor|human|person|representative|agent"),
            // Someone to call back.
            PhrasePattern("someone|somebody|person|member|agent|representative|colleague ~4 call|phone|ring me|us"),
            PhrasePattern("give me|us a call|ring"),
            PhrasePattern("call me|us back"),
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
            PhrasePattern("credit|credited back"),
            PhrasePattern("reverse|reversed|reversing|dispute|disputed|disputing the|my|this|that|our? charge|charges|payment|transaction"),
            // Money given back, in other words.
            PhrasePattern("money|payment|payments|charge|charges|amount|difference returned|repaid"),
            PhrasePattern("return|returned|repay the|our|my money|payment|payments|amount|difference"),
            PhrasePattern("give|pay me|us back"),
            PhrasePattern("give|pay back the|our|my money|payment|amount|difference|overcharge"),
        ]
        /// The customer's own customers, whose refunds are a feature of the product.
        private static let theirCustomers =
            "client|clients|client's|customer|customers|customer's|buyer|buyers|guest|guests|patient|patients|student|students|member|members"
        /// Questions about the published policy are answered from the knowledge base, and so
        /// are questions about refunding the customer's own customers through the product.
        static let refundExemptions = [
            PhrasePattern("refund|refunds policy|policies|terms"),
            PhrasePattern("refund|refunds|refunding|reimburse a|an|the|my|our|their|this|that? \(theirCustomers)|order|orders|booking|bookings|item|items|sale|sales|purchase|deposit|deposits"),
            PhrasePattern("refund|refunds|refunded ~1 to|for my|our|a|the|their? \(theirCustomers)"),
            PhrasePattern("refunded payment|payments|amount|amounts|order|orders|deposit|deposits|item|items"),
            PhrasePattern("\(theirCustomers) ~3 money back"),
            PhrasePattern("\(theirCustomers) ~2 asked|asks|wants|wanted|requested|requests|demands ~3 refund|refunds"),
            // How to refund in the product ("where do I issue refunds", "mark the order as refunded").
            PhrasePattern("how|where do|can|should i|we ~3 issue|process|give|make|send|mark|handle|record|create|do ~2 refund|refunds|refunded"),
            PhrasePattern("mark|marked|marking ~3 as refunded"),
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
            PhrasePattern("what would|will|do|does|did|should i|we|you pay"),
            PhrasePattern("how much would|will|do|does|did|should i|we|you pay"),
            // The fee of a plan, and deals.
            PhrasePattern("monthly|annual|yearly|subscription|license|licence|setup|seat fee|fees"),
            PhrasePattern("fee|fees for|of the|your|a ~2 plan|plans|tier|tiers|subscription|license|licence|seat|seats|edition"),
            PhrasePattern("deal|deals|offer|offers for|on startups|startup|nonprofits|nonprofit|charities|charity|schools|school|students|education|teams|annual|yearly"),
            PhrasePattern("any|special|startup|education|nonprofit|student deal|deals"),
        ]
        /// What the customer sells or shows in the product, whose prices they set themselves.
        private static let ownThings =
            "service|services|product|products|item|items|treatment|treatments|class|classes|menu|receipts|receipt|invoices|page|site|website|shop|store|export|listings"
        /// The customer's own prices and discounts, which they set in the product, and "cost"
        /// as a loss ("this bug cost me two hours"): questions for the knowledge base.
        static let pricingExemptions = [
            PhrasePattern("show|hide|display|set|change|edit|update|add|enter|import|export|include|round|sync the|my|our|their|its? prices|price|pricing"),
            PhrasePattern("my|our prices|price|pricing"),
            PhrasePattern("prices|price of|for|on|in my|our|the|each|every|their? \(ownThings)"),
            PhrasePattern("prices|price next to my|our|the|each|every|their? \(ownThings)"),
            PhrasePattern("price|pricing column|columns|field|fields|page|pages|table"),
            PhrasePattern("cost|costs|costing|costed me|us|them|our|my ~2 hour|hours|day|days|time|customers|clients|sales|orders|business|afternoon|morning|week|money|bookings"),
            PhrasePattern("set|create|add|make|give|apply|edit|remove|delete|configure|setup a|an|the? discount|discounts|coupon|coupons|voucher|vouchers|promo ~1 code|codes?"),
            PhrasePattern("discount|discounts|coupon|coupons|voucher|vouchers code|codes? for|to my|our|first ~1 \(theirCustomers)"),
        ]
    }
}
