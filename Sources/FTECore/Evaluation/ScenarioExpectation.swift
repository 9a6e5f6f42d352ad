/// What a reply must do. Every field is optional; a reply is also always checked against the
/// channel's length limits and SPEC.md's hard rules (no prices, no competitor names).
public struct ScenarioExpectation: Sendable, Codable, Equatable {
    /// Whether the conversation must go to a human (`false`: it must be answered).
    public var escalate: Bool?
    /// The escalation reason (e.g. `refund_request`); implies `escalate: true`.
    public var reason: EscalationReason?
    /// Documents (paths relative to the knowledge-base folder) the reply must cite; a folder
    /// ending in `/` accepts any document in it.
    public var cite: [String]?
    /// Documents the reply must not cite.
    public var mustNotCite: [String]?
    /// Phrases the reply must contain (case-insensitive).
    public var mustContain: [String]?
    /// Phrases the reply must not contain (case-insensitive): prices, competitors, promises.
    public var mustNotContain: [String]?
    /// The most words the whole reply may have.
    public var maxWords: Int?
    /// The most characters the whole reply may have (all its messages).
    public var maxCharacters: Int?
    /// The language the reply must be in (`en`, `de`, `fr`, `es`, `it`, `nl`, `pt`).
    public var language: String?

    public init(
        escalate: Bool? = nil, reason: EscalationReason? = nil, cite: [String]? = nil, mustNotCite: [String]? = nil,
        mustContain: [String]? = nil, mustNotContain: [String]? = nil, maxWords: Int? = nil, maxCharacters: Int? = nil,
        language: String? = nil
    ) {
        self.escalate = escalate
        self.reason = reason
        self.cite = cite
        self.mustNotCite = mustNotCite
        self.mustContain = mustContain
        self.mustNotContain = mustNotContain
        self.maxWords = maxWords
        self.maxCharacters = maxCharacters
        self.language = language
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case escalate, reason, cite, language
        case mustNotCite = "must_not_cite", mustContain = "must_contain", mustNotContain = "must_not_contain"
        case maxWords = "max_words", maxCharacters = "max_characters"
    }

    public init(from decoder: any Decoder) throws {
        try AnyKey.rejectUnknown(
            in: decoder.container(keyedBy: AnyKey.self), allowed: CodingKeys.allCases.map(\.rawValue), what: "expect")
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        escalate = try keys.decodeIfPresent(Bool.self, forKey: .escalate)
        reason = try keys.decodeIfPresent(EscalationReason.self, forKey: .reason)
        cite = try keys.decodeIfPresent([String].self, forKey: .cite)
        mustNotCite = try keys.decodeIfPresent([String].self, forKey: .mustNotCite)
        mustContain = try keys.decodeIfPresent([String].self, forKey: .mustContain)
        mustNotContain = try keys.decodeIfPresent([String].self, forKey: .mustNotContain)
        maxWords = try keys.decodeIfPresent(Int.self, forKey: .maxWords)
        maxCharacters = try keys.decodeIfPresent(Int.self, forKey: .maxCharacters)
        language = try keys.decodeIfPresent(String.self, forKey: .language)
    }

    /// Contradictions and impossible values, as readable sentences.
    func problems() -> [String] {
        var problems: [String] = []
        if reason != nil, escalate == false { problems.append("reason contradicts escalate: false") }
        if let maxWords, maxWords < 1 { problems.append("max_words must be at least 1") }
        if let maxCharacters, maxCharacters < 1 { problems.append("max_characters must be at least 1") }
        if let language, ReplyLanguage.stopwords[language.lowercased()] == nil {
            problems.append("language must be one of \(ReplyLanguage.stopwords.keys.sorted().joined(separator: ", "))")
        }
        for (name, phrases) in [("cite", cite), ("must_not_cite", mustNotCite), ("must_contain", mustContain), ("must_not_contain", mustNotContain)] {
            if phrases?.contains(where: { $0.trimmingWhitespace().isEmpty }) == true { problems.append("\(name) must not hold empty entries") }
        }
        return problems
    }
}
