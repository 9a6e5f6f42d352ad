/// The BERT uncased tokenizer of all-MiniLM-L6-v2, matching its `tokenizer.json` (the Hugging Face
/// fast tokenizer that sentence-transformers runs):
///
/// 1. added tokens (`[CLS]`, `[SEP]`, `[UNK]`, `[MASK]`, `[PAD]`) are matched in the raw text,
///    case-sensitively, and kept whole;
/// 2. the rest is normalised (``BertNormalizer``: drop control characters, map whitespace to a
///    space, isolate CJK ideographs, NFD and drop non-spacing marks, lower-case);
/// 3. split into words on whitespace and punctuation (each punctuation mark is a word);
/// 4. each word becomes greedy longest-match WordPiece pieces (``WordPiece``);
/// 5. `[CLS]` … `[SEP]`, truncated to the model's maximum length.
struct BertTokenizer: Sendable {
    /// A token matched in the raw text before normalisation.
    struct AddedToken: Sendable {
        var bytes: [UInt8]
        var id: Int32
    }

    let wordPiece: WordPiece
    let addedTokens: [AddedToken]
    /// `addedTokenStarts[b]`: some added token starts with the byte `b` (256 entries), so the
    /// scan for added tokens looks at most bytes once.
    let addedTokenStarts: [Bool]
    let classifierID: Int32
    let separatorID: Int32

    /// Creates a tokenizer.
    /// - Parameters:
    ///   - vocabulary: the WordPiece vocabulary.
    ///   - addedTokens: tokens recognised whole in raw text, with their ids.
    /// - Throws: ``EmbeddingError`` (`corruptModel`) when the vocabulary lacks `[CLS]`, `[SEP]` or `[UNK]`.
    init(vocabulary: Vocabulary, addedTokens: [(String, Int32)], path: String) throws {
        func special(_ token: String) throws -> Int32 {
            if let id = addedTokens.first(where: { $0.0 == token })?.1 ?? vocabulary.id(of: token) { return id }
            throw EmbeddingError(.corruptModel, "the vocabulary lacks the token \(token)", path: path)
        }
        self.classifierID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
        self.wordPiece = WordPiece(vocabulary: vocabulary, unknownID: try special("[UNK]"))
        self.addedTokens = addedTokens.filter { !$0.0.isEmpty }.map { AddedToken(bytes: Array($0.0.utf8), id: $0.1) }
        var starts = [Bool](repeating: false, count: 256)
        for token in self.addedTokens { starts[Int(token.bytes[0])] = true }
        self.addedTokenStarts = starts
    }

    /// Token ids of a text: `[CLS]`, its word pieces, `[SEP]`; at most `maxLength` ids.
    /// - Parameters:
    ///   - text: any text.
    ///   - maxLength: the model's maximum sequence length (at least 2).
    func encode(_ text: String, maxLength: Int) -> [Int32] {
        var output = TokenSink(limit: max(maxLength, 2) - 1)
        output.ids.append(classifierID)
        var text = text
        text.withUTF8 { utf8 in addedTokenStarts.withUnsafeBufferPointer { tokenStarts in
            var segmentStart = 0
            var index = 0
            while index < utf8.count, !output.isFull {
                guard tokenStarts[Int(utf8[index])], let (length, id) = addedToken(in: utf8, at: index) else {
                    index &+= 1
                    continue
                }
                appendSegment(UnsafeBufferPointer(rebasing: utf8[segmentStart..<index]), to: &output)
                output.append(id)
                index += length
                segmentStart = index
            }
            if !output.isFull, segmentStart < utf8.count {
                appendSegment(UnsafeBufferPointer(rebasing: utf8[segmentStart...]), to: &output)
            }
        } }
        output.ids.append(separatorID)
        return output.ids
    }

    /// The longest added token starting at `index`, as (byte length, id).
    private func addedToken(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Int32)? {
        var best: (Int, Int32)?
        let first = utf8[index]
        for token in addedTokens where token.bytes[0] == first && token.bytes.count <= utf8.count - index {
            if token.bytes.count > (best?.0 ?? 0),
               token.bytes.withUnsafeBufferPointer({ $0.elementsEqual(utf8[index..<index + $0.count]) }) {
                best = (token.bytes.count, token.id)
            }
        }
        return best
    }

    /// Normalises, splits and word-pieces one stretch of text without added tokens. Only the
    /// whitespace-separated chunks that hold a non-ASCII character go through ``BertNormalizer``;
    /// the ASCII between them takes the one-pass ASCII path. Both give the same words: nothing of
    /// the normalisation (NFD included) reaches across ASCII whitespace.
    private func appendSegment(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout TokenSink) {
        guard !bytes.isEmpty else { return }
        var words = WordSplitter(wordPiece: wordPiece)
        var handled = 0
        var index = 0
        while index < bytes.count, !output.isFull {
            guard bytes[index] >= 0x80 else {
                index &+= 1
                continue
            }
            var start = index
            while start > handled, !BertNormalizer.isASCIIWhitespace(bytes[start &- 1]) { start &-= 1 }
            var end = index
            while end < bytes.count, !BertNormalizer.isASCIIWhitespace(bytes[end]) { end &+= 1 }
            words.splitASCII(UnsafeBufferPointer(rebasing: bytes[handled..<start]), into: &output)
            let chunk = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            words.split(BertNormalizer.normalize(chunk), into: &output)
            handled = end
            index = end
        }
        if !output.isFull { words.splitASCII(UnsafeBufferPointer(rebasing: bytes[handled...]), into: &output) }
    }
}

/// Token ids collected up to a limit (the truncation of long texts).
struct TokenSink {
    var ids: [Int32] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        ids.reserveCapacity(min(limit, 512) + 1)
    }

    var isFull: Bool { ids.count >= limit }

    mutating func append(_ id: Int32) {
        if ids.count < limit { ids.append(id) }
    }
}
