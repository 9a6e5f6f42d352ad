/// A text split the way VADER splits it: at whitespace, with punctuation stripped from the ends
/// of words but kept in emoticons and contractions.
struct SentimentText {
    /// The words as written.
    let words: [String]
    /// The words in lower case.
    let lowercased: [String]
    /// Whether each word is in ALL CAPS.
    let isUppercase: [Bool]
    /// Whether some, but not all, words are in ALL CAPS; only then do capitals add emphasis.
    let mixesCase: Bool

    /// Python's `string.punctuation`.
    private static let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    init(_ text: String) {
        words = text.split(whereSeparator: \.isWhitespace).map { Self.strippingPunctuation(String($0)) }
        lowercased = words.map { $0.lowercased() }
        isUppercase = words.map(Self.isAllCaps)
        let capitals = isUppercase.count(where: { $0 })
        mixesCase = capitals > 0 && capitals < words.count
    }

    var count: Int { words.count }

    /// The word without leading and trailing punctuation, unless that leaves two characters or
    /// fewer (then it was likely an emoticon such as `:)`, kept whole).
    private static func strippingPunctuation(_ word: String) -> String {
        var scalars = Substring(word).unicodeScalars
        while let first = scalars.first, punctuation.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, punctuation.contains(last) { scalars.removeLast() }
        return scalars.count <= 2 ? word : String(scalars)
    }

    /// Python's `str.isupper()`: at least one cased letter, and no lower-case or title-case one.
    static func isAllCaps(_ word: String) -> Bool {
        var cased = false
        for scalar in word.unicodeScalars {
            let properties = scalar.properties
            if properties.isLowercase || properties.generalCategory == .titlecaseLetter { return false }
            if properties.isUppercase { cased = true }
        }
        return cased
    }
}
