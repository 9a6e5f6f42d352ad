/// Greedy longest-match WordPiece: a word becomes the longest vocabulary entry that starts it,
/// then the longest `##`-prefixed entry that continues it, and so on. A word longer than 100
/// characters, or one that cannot be covered, becomes a single `[UNK]`.
struct WordPiece: Sendable {
    let vocabulary: Vocabulary
    let unknownID: Int32
    /// Words with more characters (Unicode scalars) than this are `[UNK]`.
    var maxCharactersPerWord = 100

    /// Appends the pieces of one word.
    /// - Parameters:
    ///   - word: the word's UTF-8 bytes (normalised, no whitespace).
    ///   - characters: the word's length in Unicode scalars.
    ///   - output: where the ids go (up to its limit).
    func append(word: UnsafeBufferPointer<UInt8>, characters: Int, to output: inout TokenSink) {
        guard !word.isEmpty, !output.isFull else { return }
        if characters > maxCharactersPerWord {
            output.append(unknownID)
            return
        }
        let mark = output.ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                if let id = vocabulary.id(of: UnsafeBufferPointer(rebasing: word[start..<end]), continuation: start > 0) {
                    found = id
                    break
                }
                // Step back one whole UTF-8 character (skip continuation bytes 10xxxxxx).
                end -= 1
                while end > start, word[end] & 0xC0 == 0x80 { end -= 1 }
            }
            guard let id = found else {
                output.ids.removeSubrange(mark...)
                output.append(unknownID)
                return
            }
            // Collect every piece even past the limit: a word that turns out uncoverable is one
            // [UNK], whatever its first pieces were. Truncation happens below.
            output.ids.append(id)
            start = end
        }
        if output.ids.count > output.limit { output.ids.removeSubrange(output.limit...) }
    }
}

/// Splits normalised text into words (on whitespace, each punctuation mark a word of its own)
/// and hands each word to ``WordPiece`` — the Hugging Face `BertPreTokenizer`.
struct WordSplitter {
    let wordPiece: WordPiece
    private var word: [UInt8] = []
    private var characters = 0

    init(wordPiece: WordPiece) {
        self.wordPiece = wordPiece
        word.reserveCapacity(128)
    }

    /// Fast path for pure-ASCII text: cleaning, lower-casing and splitting in one pass.
    mutating func splitASCII(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout TokenSink) {
        for byte in bytes {
            if output.isFull { return }
            switch byte {
            case 0x09, 0x0A, 0x0D, 0x20:
                flush(into: &output)
            case 0..<0x20, 0x7F:
                continue  // control characters are dropped without splitting the word
            case 65...90:
                word.append(byte + 32)
                characters += 1
            default:
                if BertNormalizer.isASCIIPunctuation(byte) {
                    flush(into: &output)
                    word.append(byte)
                    characters = 1
                    flush(into: &output)
                } else {
                    word.append(byte)
                    characters += 1
                }
            }
        }
        flush(into: &output)
    }

    /// General path over normalised scalars (``BertNormalizer/normalize(_:)``).
    mutating func split(_ scalars: [Unicode.Scalar], into output: inout TokenSink) {
        for scalar in scalars {
            if output.isFull { return }
            if BertNormalizer.isWhitespace(scalar) {
                flush(into: &output)
            } else if BertNormalizer.isPunctuation(scalar) {
                flush(into: &output)
                appendScalar(scalar)
                flush(into: &output)
            } else {
                appendScalar(scalar)
            }
        }
        flush(into: &output)
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        word.append(contentsOf: UTF8.encode(scalar)!)
        characters += 1
    }

    private mutating func flush(into output: inout TokenSink) {
        guard !word.isEmpty else { return }
        word.withUnsafeBufferPointer { wordPiece.append(word: $0, characters: characters, to: &output) }
        word.removeAll(keepingCapacity: true)
        characters = 0
    }
}
