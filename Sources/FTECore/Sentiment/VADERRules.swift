/// The constants and word lists of VADER's rules, as published in `vaderSentiment.py` 3.3.2
/// (Hutto & Gilbert, 2014; MIT licence).
enum VADERRules {
    /// Added to (or, for negative words, taken from) a word's valence by a booster before it.
    static let boosterIncrement = 0.293
    /// Added by a word in ALL CAPS when the text mixes case.
    static let capsIncrement = 0.733
    /// Multiplies the valence of a negated word.
    static let negationScalar = -0.74
    /// Added per exclamation mark, up to ``maxExclamationMarks``.
    static let exclamationIncrement = 0.292
    static let maxExclamationMarks = 4
    /// Added per question mark when there are two or three; four or more add ``manyQuestionsIncrement``.
    static let questionIncrement = 0.18
    static let manyQuestionsIncrement = 0.96
    /// The α of the compound normalisation `x / √(x² + α)`.
    static let normalizationAlpha = 15.0

    /// Words that negate what follows (any word containing "n't" does too).
    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    /// Degree adverbs: boosters raise the intensity of the word after them, dampeners lower it.
    static let boosters: [String: Double] = {
        let up = [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
            "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
            "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
            "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly",
            "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
            "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually",
            "utter", "utterly", "very",
        ]
        let down = [
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less",
            "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
            "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of",
        ]
        var boosters: [String: Double] = [:]
        for word in up { boosters[word] = boosterIncrement }
        for word in down { boosters[word] = -boosterIncrement }
        return boosters
    }()

    /// Idioms whose valence replaces that of the lexicon word in them.
    static let specialCases: [String: Double] = [
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
        "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
    ]

    /// Whether `word` (lower case) negates: a negation word, or any word containing "n't".
    static func isNegation(_ word: String) -> Bool {
        negations.contains(word) || word.contains("n't")
    }
}
