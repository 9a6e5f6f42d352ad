/// A mark of anger or distress at the service that ``SentimentAssessor`` found in a message,
/// beyond the words' lexicon valence. The raw values are stored and printed; do not change them.
public enum SentimentSignal: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Praise that means its opposite ("Great job breaking the export again", "thanks for nothing").
    case sarcasm
    /// Words of anger or contempt for the service ("terrible", "useless", "ridiculous").
    case angerWords = "anger_words"
    /// Insults and contempt ("a complete joke", "incompetent", "a scam").
    case contempt
    /// A threat to leave ("we are moving to a competitor", "done with you", "fed up").
    case threatToLeave = "threat_to_leave"
    /// The customer feels ignored or repeats themselves ("third time", "nobody replied", "how many times").
    case feelsIgnored = "feels_ignored"
    /// Distress: harm happening now ("losing customers", "I'm panicking", "patients are waiting").
    case distress
    /// Swearing.
    case profanity
    /// Ordinary words written in capitals: the message is shouted.
    case shouting
    /// A complaint shouted, or shouting without a word of courtesy.
    case shoutedComplaint = "shouted_complaint"
    /// Runs of exclamation or question marks ("!!", "?!", "???").
    case punctuationRuns = "punctuation_runs"
    /// The customer wrote at least twice more in the last days.
    case repeatedContact = "repeated_contact"

    /// The signal in words, for escalation summaries and `fte ticket show`.
    public var description: String {
        switch self {
        case .sarcasm: "sarcasm"
        case .angerWords: "words of anger"
        case .contempt: "contempt"
        case .threatToLeave: "a threat to leave"
        case .feelsIgnored: "feels ignored"
        case .distress: "distress"
        case .profanity: "swearing"
        case .shouting: "capitals"
        case .shoutedComplaint: "a shouted complaint"
        case .punctuationRuns: "runs of ! or ?"
        case .repeatedContact: "repeated contact"
        }
    }
}
