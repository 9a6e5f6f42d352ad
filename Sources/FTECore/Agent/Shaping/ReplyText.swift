/// Text as a sequence of sentences, remembering whether a space, a line break or a blank line
/// stood before each, so it can be shortened or split at sentence boundaries and put back
/// together with its line structure.
struct ReplyText: Equatable {
    struct Sentence: Equatable {
        /// What stands before it: `""` (first), `" "`, `"\n"` or `"\n\n"`.
        var separator: String
        var text: String
    }

    var sentences: [Sentence]

    init(sentences: [Sentence]) {
        self.sentences = sentences
    }

    /// Splits `text` into sentences with ``SentenceSplitter``, line by line; whitespace within a
    /// line collapses to single spaces, and runs of blank lines to one.
    init(_ text: String) {
        sentences = []
        var lineBreak = "\n"
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewlineFast) {
            let parts = SentenceSplitter.split(String(line))
            if parts.isEmpty {
                lineBreak = "\n\n"
                continue
            }
            for (k, part) in parts.enumerated() {
                let words = part.split(whereSeparator: \.isWhitespaceFast).joined(separator: " ")
                let separator = sentences.isEmpty ? "" : (k == 0 ? lineBreak : " ")
                sentences.append(Sentence(separator: separator, text: words))
            }
            lineBreak = "\n"
        }
    }

    var isEmpty: Bool { sentences.isEmpty }

    /// The text put back together.
    var joined: String { Self.join(sentences[...]) }

    private static func join(_ sentences: ArraySlice<Sentence>) -> String {
        var text = ""
        for sentence in sentences {
            if !text.isEmpty { text += sentence.separator }
            text += sentence.text
        }
        return text
    }

    /// The leading whole sentences within `maxWords` words, and whether any were dropped. When
    /// even the first sentence is longer, it is cut after `maxWords` words and ends with "…"
    /// (the one case a sentence is cut).
    func prefix(maxWords: Int) -> (text: ReplyText, wasShortened: Bool) {
        var words = 0
        var kept: [Sentence] = []
        for sentence in sentences {
            let count = sentence.text.wordCount
            guard words + count <= maxWords else { break }
            kept.append(sentence)
            words += count
        }
        if kept.count == sentences.count { return (self, false) }
        if kept.isEmpty, let first = sentences.first, maxWords > 0 {
            let cut = first.text.split(whereSeparator: \.isWhitespace).prefix(maxWords).joined(separator: " ") + "…"
            kept = [Sentence(separator: "", text: cut)]
        }
        return (ReplyText(sentences: kept), true)
    }

    /// The text split into parts of at most `maxLength` UTF-16 code units, at sentence
    /// boundaries. A sentence longer than that is split between words, and a word longer than
    /// that (a long link) between characters: the only case a word is cut. Line breaks at a
    /// split are dropped; no part is empty.
    func parts(maxLength: Int) -> [String] {
        var parts: [String] = []
        var current = ""
        func add(_ piece: String, after separator: String) {
            if current.isEmpty {
                current = piece
            } else if current.utf16.count + separator.utf16.count + piece.utf16.count <= maxLength {
                current += separator + piece
            } else {
                parts.append(current)
                current = piece
            }
        }
        for sentence in sentences {
            guard sentence.text.utf16.count > maxLength else {
                add(sentence.text, after: sentence.separator)
                continue
            }
            for (k, word) in sentence.text.split(whereSeparator: \.isWhitespace).enumerated() {
                for (j, chunk) in Self.chunks(of: String(word), maxLength: maxLength).enumerated() {
                    add(chunk, after: j > 0 ? "" : (k == 0 ? sentence.separator : " "))
                }
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// `word` as is when it fits, else cut between characters into runs that fit.
    private static func chunks(of word: String, maxLength: Int) -> [String] {
        guard word.utf16.count > maxLength else { return [word] }
        var chunks: [String] = []
        var current = ""
        for character in word {
            if !current.isEmpty, current.utf16.count + character.utf16.count > maxLength {
                chunks.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
