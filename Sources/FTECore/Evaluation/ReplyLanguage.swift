/// Tells which language a reply is written in by its most frequent function words — enough to
/// see that a German customer got an English answer, without a model.
enum ReplyLanguage {
    /// Common function words of each supported language (none shared between two lists).
    static let stopwords: [String: Set<String>] = [
        "en": ["the", "and", "you", "your", "is", "are", "to", "of", "in", "it", "that", "for", "with", "this", "can", "we", "please", "on", "be", "will"],
        "de": ["der", "die", "das", "und", "ist", "nicht", "sie", "ich", "wir", "mit", "für", "auf", "ein", "eine", "zu", "bitte", "den", "dem", "ihr", "ihre"],
        "fr": ["le", "la", "les", "et", "est", "vous", "nous", "pour", "avec", "une", "dans", "pas", "votre", "vos", "sur", "des", "du", "merci", "ce", "que"],
        "es": ["el", "los", "las", "es", "usted", "para", "con", "una", "por", "su", "sus", "gracias", "del", "al", "está", "puede", "como", "pero", "muy", "y"],
        "it": ["il", "gli", "è", "non", "per", "con", "una", "sono", "della", "grazie", "di", "che", "alla", "questo", "può", "lei", "suo", "nel", "anche", "ma"],
        "nl": ["het", "een", "en", "niet", "je", "u", "uw", "voor", "met", "op", "van", "dat", "wij", "bedankt", "kunt", "ook", "naar", "maar", "dit"],
        "pt": ["o", "os", "não", "você", "para", "com", "um", "uma", "obrigado", "obrigada", "seu", "sua", "da", "em", "que", "pode", "muito", "mas"],
    ]

    /// The language whose function words the text uses most; `nil` for a text with none.
    static func detect(_ text: String) -> String? {
        let words = MessageWords(text).words
        var counts: [String: Int] = [:]
        for word in words {
            for (language, list) in stopwords where list.contains(word) { counts[language, default: 0] += 1 }
        }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), best.value > 0 else {
            return nil
        }
        return best.key
    }
}
