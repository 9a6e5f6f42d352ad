/// Reads how a customer feels about the service: VADER's lexicon score, adapted to support
/// messages, combined with signals a lexicon cannot see.
///
/// A lexicon alone cannot tell a bug report from anger: "Login fails with an error" is as
/// negative to VADER as "your service is terrible", and an all-caps "NOTHING WORKS!!!" from a
/// customer writing for the third time scores neutral. So:
/// 1. **Adapted lexicon.** Words that describe a fault ("error", "fails", "broken") keep a
///    quarter of their valence, words of mild dissatisfaction ("disappointed", "sad") half; each
///    sentence is scored on its own (VADER's "but" rule is a sentence rule) and the sums added.
/// 2. **Hostile signals** add negative weight and ignore the message's positive words (a
///    "please" does not soften a threat): sarcasm (praise turned around), words of anger,
///    contempt, threats to leave, feeling ignored, distress, swearing, a shouted complaint.
/// 3. **Intensity** amplifies whatever negativity there is: capitals, runs of `!`/`?`, and (see
///    ``SentimentAssessment/inContext(recentContacts:)``) repeated contact.
/// 4. Negativity with no mark of anger at all is damped: a polite complaint is answered, not
///    escalated.
///
/// The rules are checked against a labelled set of support messages (`samples/escalation-rules`,
/// docs/agent-rules.md). English only, like the lexicon.
public struct SentimentAssessor: Sendable {
    /// The weights of the signals, in VADER's valence units (a strongly negative word is about -2.5).
    enum Weights {
        static let sarcasm = -2.0
        static let angerWords = -1.0
        static let contempt = -2.0
        static let threatToLeave = -2.0
        static let feelsIgnored = -1.5
        static let distress = -2.0
        static let profanity = -1.0
        static let shoutedComplaint = -1.5
        static let shouting = 0.6
        static let punctuationRun = 0.3
        static let repeatedContact = 0.4
        static let secondContact = 0.2
        /// What each further mark of anger adds beside a hostile signal (two at most): a word of
        /// anger is mild on its own, with repeated contact or `!!` it is anger.
        static let corroboration = -1.0
        /// The share of negativity kept when nothing marks it as anger.
        static let unmarkedNegativity = 0.6
        /// The valence a described fault carries even without a lexicon word ("NOT syncing"),
        /// so that capitals and repetition have something to amplify.
        static let faultBaseline = -0.5
    }

    private let plain: SentimentScorer
    private let adapted: SentimentScorer
    private let ironic: SentimentScorer

    /// Creates an assessor over the VADER lexicon.
    public init(lexicon: SentimentLexicon) {
        plain = SentimentScorer(lexicon: lexicon)
        var valences = lexicon.valences
        for word in Vocabulary.faultWords { valences[word] = valences[word].map { $0 * Vocabulary.faultFactor } }
        for word in Vocabulary.mildWords { valences[word] = valences[word].map { $0 * Vocabulary.mildFactor } }
        for word in Vocabulary.unscored { valences[word] = nil }
        adapted = SentimentScorer(lexicon: SentimentLexicon(valences: valences))
        for word in Vocabulary.praiseWords { valences[word] = valences[word].map { $0 > 0 ? -$0 : $0 } }
        ironic = SentimentScorer(lexicon: SentimentLexicon(valences: valences))
    }

    /// The scorer the assessment starts from (plain VADER).
    public var lexiconScorer: SentimentScorer { plain }

    /// Assesses one message on its own; put it in context with
    /// ``SentimentAssessment/inContext(recentContacts:)``.
    public func assess(_ text: String) -> SentimentAssessment {
        let words = MessageWords(text)
        var signals: [SentimentSignal] = []
        var hostility = 0.0
        let fault = Self.describesFault(words)
        let sarcastic = Self.isSarcastic(text, words: words, fault: fault)
        if sarcastic {
            signals.append(.sarcasm)
            hostility += Weights.sarcasm
        }
        if words.words.contains(where: Vocabulary.angerWords.contains) {
            signals.append(.angerWords)
            hostility += Weights.angerWords
        }
        var withoutOtherLeaving = words
        withoutOtherLeaving.removeMatches(of: Vocabulary.leavingSomethingElse)
        for (signal, patterns, weight, scope) in [
            (SentimentSignal.contempt, Vocabulary.contempt, Weights.contempt, words),
            (.threatToLeave, Vocabulary.threatsToLeave, Weights.threatToLeave, withoutOtherLeaving),
            (.feelsIgnored, Vocabulary.feelingIgnored, Weights.feelsIgnored, words),
            (.distress, Vocabulary.distress, Weights.distress, words),
        ] where patterns.contains(where: { $0.occurs(in: scope) }) {
            signals.append(signal)
            hostility += weight
        }
        if words.words.contains(where: Self.isProfane) {
            signals.append(.profanity)
            hostility += Weights.profanity
        }
        var intensity = 1.0
        if Self.isShouted(text, words: words) {
            signals.append(.shouting)
            intensity += Weights.shouting
            if fault || !words.words.contains(where: Vocabulary.courtesyWords.contains) {
                signals.append(.shoutedComplaint)
                hostility += Weights.shoutedComplaint
            }
        }
        let runs = Self.punctuationRuns(in: text)
        if runs > 0 {
            signals.append(.punctuationRuns)
            intensity += Weights.punctuationRun * Double(min(runs, 2))
        }
        let scorer = sarcastic ? ironic : adapted
        let valence = Self.sentences(of: text).reduce(0) { $0 + Self.valenceSum(scorer.score($1).compound) }
            + (fault ? Weights.faultBaseline : 0)
        return SentimentAssessment(
            valence: valence, hostility: hostility, intensity: intensity, signals: signals,
            lexiconScore: plain.score(text).scale01)
    }

    // MARK: - Signals

    /// Whether the message describes something not working ("fails", "doesn't load"), unless it
    /// says the fault is resolved.
    static func describesFault(_ words: MessageWords) -> Bool {
        words.words.contains(where: Vocabulary.faultWords.contains) || Vocabulary.faultPhrases.contains { $0.occurs(in: words) }
    }

    /// Praise turned around: an ironic idiom ("thanks for nothing"), a mocking mark (🙃, "/s",
    /// a claim in scare quotes), ironic praise next to a fault or a repetition, or evaluative
    /// praise beside an unresolved fault with no contrast and no question.
    static func isSarcastic(_ text: String, words: MessageWords, fault: Bool) -> Bool {
        if Vocabulary.sarcasmIdioms.contains(where: { $0.occurs(in: words) }) || text.contains(where: Vocabulary.ironicMarks.contains)
            || text.contains(" /s") || text.hasSuffix("/s") || hasScareQuotes(text) {
            return true
        }
        let activeFault = fault && !Vocabulary.resolution.contains { $0.occurs(in: words) }
        let repeated = words.words.contains(where: Vocabulary.repetitionWords.contains)
        if (activeFault || repeated), Vocabulary.ironicPraise.contains(where: { $0.occurs(in: words) }) { return true }
        return activeFault && words.words.contains(where: Vocabulary.evaluativePraise.contains)
            && !words.words.contains(where: Vocabulary.contrastWords.contains) && !text.contains("?")
    }

    /// A claim word right after an opening quote, within a short quotation: the 'improvement'.
    private static func hasScareQuotes(_ text: String) -> Bool {
        let quotes: Set<Character> = ["'", "\"", "‘", "“"]
        let closing: Set<Character> = ["'", "\"", "’", "”"]
        var index = text.startIndex
        while let open = text[index...].firstIndex(where: quotes.contains) {
            let after = text.index(after: open)
            // An apostrophe inside a word ("don't") opens nothing.
            if text[open] == "'", open > text.startIndex, text[text.index(before: open)].isLetterOrNumberFast {
                index = after
                continue
            }
            let quoted = text[after...].prefix(25)
            if let end = quoted.firstIndex(where: closing.contains) {
                let firstWord = quoted[..<end].split(whereSeparator: { !$0.isLetter }).first.map { $0.lowercased() }
                if let firstWord, Vocabulary.scareQuoted.contains(firstWord) { return true }
            }
            index = after
            guard index < text.endIndex else { break }
        }
        return false
    }

    private static func isProfane(_ word: String) -> Bool {
        Vocabulary.profanity.contains(word) || word.hasPrefix("fuck") || word.hasPrefix("shit")
    }

    /// Mostly capitals (60 % of at least 12 letters), or two ordinary words in capitals
    /// ("FIX THIS"); acronyms such as API or SSO are not shouting.
    static func isShouted(_ text: String, words: MessageWords) -> Bool {
        var letters = 0, capitals = 0
        for character in text where character.isLetter {
            letters += 1
            if character.isUppercase { capitals += 1 }
        }
        if letters >= 12, Double(capitals) >= 0.6 * Double(letters) { return true }
        var shouted = 0
        for i in 0..<words.count where words.words[i].count >= 2 && Vocabulary.ordinaryWords.contains(words.words[i]) {
            let original = words.original(i)
            if original.allSatisfy({ !$0.isLetter || $0.isUppercase }) { shouted += 1 }
        }
        return shouted >= 2
    }

    /// Runs of two or more `!`/`?` ("!!", "?!", "???").
    static func punctuationRuns(in text: String) -> Int {
        var runs = 0, length = 0
        for character in text {
            if character == "!" || character == "?" {
                length += 1
                if length == 2 { runs += 1 }
            } else {
                length = 0
            }
        }
        return runs
    }

    // MARK: - Valence

    /// The message's sentences, line by line.
    static func sentences(of text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { SentenceSplitter.split(String($0)) }
    }

    /// VADER's sum of valences behind a compound score (the inverse of its normalisation).
    static func valenceSum(_ compound: Double) -> Double {
        guard abs(compound) < 0.9999 else { return compound > 0 ? 50 : -50 }
        return compound * VADERRules.normalizationAlpha.squareRoot() / (1 - compound * compound).squareRoot()
    }
}
