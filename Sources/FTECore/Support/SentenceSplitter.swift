/// Splits prose into sentences at `.`, `!`, `?` or `…` (optionally followed by closing quotes or
/// brackets) when whitespace follows, without breaking common abbreviations or decimals.
public enum SentenceSplitter {
    private static let abbreviations: Set<String> = [
        "e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "no.", "approx.", "fig.", "inc.", "ltd.", "st.",
    ]

    /// The sentences of `text`, each trimmed, none empty. Joining them with spaces gives back
    /// the text with its whitespace normalised.
    public static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var sentenceStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            text.formIndex(after: &index)
            guard isTerminator(character) else { continue }
            while index < text.endIndex, isClosing(text[index]) { text.formIndex(after: &index) }
            guard index == text.endIndex || text[index].isWhitespaceFast else { continue }
            let candidate = text[sentenceStart..<index]
            if character == ".", let lastWord = candidate.split(separator: " ").last,
               abbreviations.contains(lastWord.lowercased()) {
                continue
            }
            append(candidate, to: &sentences)
            sentenceStart = index
        }
        append(text[sentenceStart...], to: &sentences)
        return sentences
    }

    private static func append(_ sentence: Substring, to sentences: inout [String]) {
        let trimmed = String(sentence).trimmingWhitespace()
        if !trimmed.isEmpty { sentences.append(trimmed) }
    }

    private static func isTerminator(_ character: Character) -> Bool {
        character == "." || character == "!" || character == "?" || character == "…"
    }

    private static func isClosing(_ character: Character) -> Bool {
        switch character {
        case "\"", "'", ")", "]", "»", "”", "’": true
        default: false
        }
    }
}
