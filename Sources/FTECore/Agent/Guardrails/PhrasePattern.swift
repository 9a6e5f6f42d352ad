/// A phrase to look for among a message's lower-case words, written compactly as data.
///
/// Slots are separated by spaces; `|` separates the words a slot accepts; a slot ending in `?`
/// may be absent; `~N` stands for up to N words of any kind. For example
/// `"speak|talk to|with ~2 human|person"` matches "talk to a real person" and "speak with humans"
/// does not.
///
/// A slot compares the hash values ``MessageWords`` computed once per word before it compares
/// strings, so checking a draft against dozens of patterns hashes each of its words once.
struct PhrasePattern: Sendable, CustomStringConvertible {
    private enum Slot: Sendable {
        /// The accepted words and their hash values.
        case word(Set<String>, hashes: [Int], optional: Bool)
        case gap(Int)
    }

    private let slots: [Slot]
    /// The pattern as written.
    let description: String

    /// Parses a pattern written in the notation above.
    /// - Precondition: `pattern` is a literal of this notation (these are program data, not input).
    init(_ pattern: String) {
        description = pattern
        slots = pattern.split(separator: " ").map { token in
            if token.hasPrefix("~"), let count = Int(token.dropFirst()) { return .gap(count) }
            let optional = token.hasSuffix("?")
            let words = (optional ? token.dropLast() : token).split(separator: "|").map(String.init)
            precondition(!words.isEmpty, "empty slot in phrase pattern '\(pattern)'")
            return .word(Set(words), hashes: words.map(\.hashValue), optional: optional)
        }
        precondition(!slots.isEmpty, "empty phrase pattern")
    }

    /// The word positions of the first match starting at or after `from`, if any.
    func firstMatch(in words: MessageWords, from: Int = 0) -> Range<Int>? {
        guard from <= words.count else { return nil }
        for start in from..<words.count {
            if let end = match(slot: 0, at: start, in: words), end > start { return start..<end }
        }
        return nil
    }

    /// Whether the pattern occurs anywhere in `words`.
    func occurs(in words: MessageWords) -> Bool { firstMatch(in: words) != nil }

    /// Where a match of `slots[slot...]` starting at word `position` ends, if one does.
    private func match(slot: Int, at position: Int, in words: MessageWords) -> Int? {
        guard slot < slots.count else { return position }
        switch slots[slot] {
        case .word(let accepted, let hashes, let optional):
            if position < words.count, hashes.contains(words.hashes[position]), accepted.contains(words.words[position]),
               let end = match(slot: slot + 1, at: position + 1, in: words) {
                return end
            }
            return optional ? match(slot: slot + 1, at: position, in: words) : nil
        case .gap(let most):
            for skipped in 0...most where position + skipped <= words.count {
                if let end = match(slot: slot + 1, at: position + skipped, in: words) { return end }
            }
            return nil
        }
    }
}
