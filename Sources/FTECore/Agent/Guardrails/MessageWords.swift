/// The words of a message in lower case, with where each stands in the message, for matching
/// word lists and ``PhrasePattern``s.
///
/// A word is a run of letters and digits; an apostrophe (straight or curly) between letters
/// stays in it ("don't", "i've"), anything else separates words ("e-mail" is two words).
struct MessageWords {
    /// The words, lower-cased, with `’` written `'`.
    private(set) var words: [String]
    /// Each word's `hashValue`, for ``PhrasePattern`` to compare before it compares strings.
    private(set) var hashes: [Int]
    /// Where each word stands in the message.
    let ranges: [Range<String.Index>]
    /// The message.
    let text: String

    init(_ text: String) {
        self.text = text
        var words: [String] = []
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var current = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isLetterOrNumberFast {
                if start == nil { start = index }
                character.appendLowercased(to: &current)
            } else if character == "'" || character == "’", start != nil, next < text.endIndex, text[next].isLetterFast {
                current += "'"
            } else if let wordStart = start {
                words.append(current)
                ranges.append(wordStart..<index)
                start = nil
                current = ""
            }
            index = next
        }
        if let wordStart = start {
            words.append(current)
            ranges.append(wordStart..<text.endIndex)
        }
        self.words = words
        self.hashes = words.map(\.hashValue)
        self.ranges = ranges
    }

    var count: Int { words.count }

    /// The message's text from word `range.lowerBound` through word `range.upperBound - 1`.
    func text(of range: Range<Int>) -> String {
        String(text[ranges[range.lowerBound].lowerBound..<ranges[range.upperBound - 1].upperBound])
    }

    /// The word as written (not lower-cased).
    func original(_ index: Int) -> Substring { text[ranges[index]] }

    private static let blankHash = "".hashValue

    /// Blanks out the words each pattern matches, so later matching skips them (e.g. "legal
    /// name" before looking for "legal").
    mutating func removeMatches(of patterns: [PhrasePattern]) {
        for pattern in patterns {
            var from = 0
            while let match = pattern.firstMatch(in: self, from: from) {
                for i in match {
                    words[i] = ""
                    hashes[i] = Self.blankHash
                }
                from = match.upperBound
            }
        }
    }
}
