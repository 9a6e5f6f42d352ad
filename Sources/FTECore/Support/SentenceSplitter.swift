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
        var current = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            current.append(ch)
            i += 1
            guard ".!?…".contains(ch) else { continue }
            while i < chars.count, "\"')]»”’".contains(chars[i]) {
                current.append(chars[i])
                i += 1
            }
            guard i == chars.count || chars[i].isWhitespace else { continue }
            let lastWord = current.split(separator: " ").last.map { $0.lowercased() } ?? ""
            if ch == ".", abbreviations.contains(lastWord) { continue }
            let trimmed = current.trimmingWhitespace()
            if !trimmed.isEmpty { sentences.append(trimmed) }
            current = ""
        }
        let rest = current.trimmingWhitespace()
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }
}
