/// How a customer feels about the service, as ``SentimentAssessor`` reads one message: the
/// score the escalation rule uses, the plain lexicon score, and the signals behind the difference.
public struct SentimentAssessment: Sendable, Equatable {
    /// The sentiment toward the service on SPEC.md's 0–1 scale (0.5 neutral, below 0.3 calls for a human).
    public private(set) var score: Double
    /// The plain VADER score of the text (``SentimentScore/scale01``), before any adaptation.
    public var lexiconScore: Double
    /// The marks of anger or distress found, in a stable order.
    public private(set) var signals: [SentimentSignal]

    /// The words' valence sum (VADER's units) with fault descriptions damped.
    var valence: Double
    /// The added weight of hostile signals (≤ 0, VADER's units).
    var hostility: Double
    /// How much capitals and punctuation runs amplify negativity (≥ 1).
    var intensity: Double
    /// How much repeated contact adds to the amplification (≥ 0; see ``inContext(recentContacts:)``).
    var contact = 0.0
    /// Whether a text was read (a bare score has no parts to put in context).
    private var isReading = true

    /// An assessment of a bare score (no text was read), e.g. a score recorded earlier.
    public init(score: Double) {
        self.score = min(max(score, 0), 1)
        lexiconScore = self.score
        signals = []
        valence = 0
        hostility = 0
        intensity = 1
        isReading = false
    }

    init(valence: Double, hostility: Double, intensity: Double, contact: Double = 0, signals: [SentimentSignal], lexiconScore: Double) {
        self.valence = valence
        self.hostility = hostility
        self.intensity = intensity
        self.contact = contact
        self.signals = signals
        self.lexiconScore = lexiconScore
        score = 0
        score = Self.combine(
            valence: valence, hostility: hostility, intensity: intensity, contact: contact,
            marks: Set(signals).subtracting([.shouting]).count)
    }

    /// The same message from a customer who wrote `recentContacts` other messages in the last
    /// days: repeated contact amplifies whatever negativity the message carries (it never makes
    /// a calm message negative on its own).
    public func inContext(recentContacts: Int) -> SentimentAssessment {
        guard recentContacts > 0, isReading else { return self }
        var signals = signals
        let contact: Double
        if recentContacts >= 2 {
            contact = SentimentAssessor.Weights.repeatedContact
            signals.append(.repeatedContact)
        } else {
            contact = SentimentAssessor.Weights.secondContact
        }
        return SentimentAssessment(
            valence: valence, hostility: hostility, intensity: intensity, contact: contact, signals: signals, lexiconScore: lexiconScore)
    }

    /// Hostile signals count without the message's positive words (a "please" does not soften
    /// a threat), and weigh more together than apart: each further mark of anger beside a hostile
    /// signal (another signal, a run of `!`, repeated contact; capitals count once, as the shouted
    /// complaint) corroborates it. Negativity with no mark of anger at all is damped
    /// (dissatisfaction, not rage) before repeated contact amplifies it.
    static func combine(valence: Double, hostility: Double, intensity: Double, contact: Double, marks: Int) -> Double {
        let total: Double
        if hostility < 0 {
            let corroboration = SentimentAssessor.Weights.corroboration * Double(min(max(marks - 1, 0), 2))
            total = (min(valence, 0) + hostility + corroboration) * (intensity + contact)
        } else if valence < 0 {
            total = valence * (intensity > 1 ? intensity : SentimentAssessor.Weights.unmarkedNegativity) * (1 + contact)
        } else {
            total = valence
        }
        let compound = total / (total * total + VADERRules.normalizationAlpha).squareRoot()
        return (compound + 1) / 2
    }
}
