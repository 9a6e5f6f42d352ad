/// A way a draft reply breaks SPEC.md's hard rules. Its `description` is written as feedback
/// for the model's one regeneration.
public enum ReplyViolation: Sendable, Equatable, CustomStringConvertible {
    /// What a length is counted in.
    public enum LengthUnit: String, Sendable {
        case words, characters
    }

    /// Longer than the channel allows.
    case tooLong(channel: Channel, length: Int, limit: Int, unit: LengthUnit)
    /// States a price, e.g. "$49" or "10 per month" (the matched text).
    case quotesPrice(String)
    /// Names a configured competitor (the name as written in the draft).
    case namesCompetitor(String)
    /// Answers with facts no knowledge-base source supports.
    case unsourcedAnswer
    /// Claims an action that no tool performed (the claiming phrase as written).
    case claimsUnperformedAction(AgentAction, phrase: String)

    public var description: String {
        switch self {
        case .tooLong(let channel, let length, let limit, let unit):
            let aim = channel == .whatsapp ? " (aim for about 300 characters)" : ""
            return "The reply is \(length) \(unit.rawValue) long; \(channel.displayName) replies must stay within \(limit) \(unit.rawValue)\(aim). Shorten it."
        case .quotesPrice(let text):
            return "The reply states a price (“\(text)”). Never quote prices or discounts: say that a colleague will follow up about pricing, and escalate."
        case .namesCompetitor(let name):
            return "The reply names “\(name)”. Never mention or compare other companies' products; talk only about ours."
        case .unsourcedAnswer:
            return "The reply states facts that no knowledge-base result supports. Answer only from search_knowledge_base results and the customer's own data, or escalate when nothing relevant was found."
        case .claimsUnperformedAction(let action, let phrase):
            return "The reply says “\(phrase)”, but \(action.summary). Never claim an action no tool performed."
        }
    }
}
