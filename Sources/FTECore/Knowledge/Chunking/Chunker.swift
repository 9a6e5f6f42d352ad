/// A passage of a document, sized for the embedder, with the headings it sits under.
public struct Chunk: Sendable, Equatable {
    /// Position in the document, from 0.
    public var ordinal: Int
    /// `Title > Section > Subsection`.
    public var headingPath: String
    public var content: String
    /// Word pieces of ``embeddingText`` (without the model's special tokens).
    public var tokenCount: Int

    /// What is embedded: the heading path, then the content, so a passage carries its context.
    public var embeddingText: String { headingPath.isEmpty ? content : headingPath + "\n" + content }
}

/// Splits documents into chunks that fit an embedder's window, following their structure.
///
/// A chunk never mixes sections. Blocks (paragraphs, list items, code blocks) are packed whole;
/// a block too long for one chunk is split at sentence boundaries (code at line breaks), and a
/// sentence too long at word boundaries. Consecutive chunks of one section overlap by up to
/// ``overlapTokens`` of whole trailing sentences.
public struct Chunker: Sendable {
    /// Most word pieces per chunk, heading path included (254 for MiniLM: 256 minus [CLS], [SEP]).
    public var maxTokens: Int
    /// Word pieces of trailing sentences repeated at the start of the next chunk.
    public var overlapTokens: Int
    private let countTokens: @Sendable (String) -> Int

    /// - Parameter countTokens: word pieces of a text (additive over whitespace-separated parts).
    public init(maxTokens: Int = 254, overlapTokens: Int = 32, countTokens: @escaping @Sendable (String) -> Int) {
        precondition(maxTokens >= 16, "a chunk needs room for at least 16 tokens")
        self.maxTokens = maxTokens
        self.overlapTokens = min(overlapTokens, maxTokens / 4)
        self.countTokens = countTokens
    }

    private struct Unit {
        var text: String
        var tokens: Int
        var isCode: Bool
    }

    /// The document's chunks in order.
    public func chunks(of document: KnowledgeDocument) -> [Chunk] {
        var chunks: [Chunk] = []
        for section in document.sections {
            let path = section.headingPath.joined(separator: " > ")
            let pathTokens = path.isEmpty ? 0 : countTokens(path)
            let budget = max(maxTokens - pathTokens, maxTokens / 2)
            let units = section.blocks.flatMap { self.units(of: $0, budget: budget) }
            var current: [Unit] = []
            var currentTokens = 0
            func emit() {
                guard !current.isEmpty else { return }
                let content = current.map(\.text).joined(separator: "\n\n")
                chunks.append(Chunk(ordinal: chunks.count, headingPath: path, content: content,
                                    tokenCount: pathTokens + currentTokens))
            }
            for unit in units {
                if currentTokens + unit.tokens > budget && !current.isEmpty {
                    emit()
                    let overlap = self.overlap(after: current, room: budget - unit.tokens)
                    current = overlap
                    currentTokens = overlap.reduce(0) { $0 + $1.tokens }
                }
                current.append(unit)
                currentTokens += unit.tokens
            }
            emit()
        }
        return chunks
    }

    /// Splits a block into units that each fit `budget`.
    private func units(of block: KnowledgeDocument.Block, budget: Int) -> [Unit] {
        let tokens = countTokens(block.text)
        if tokens <= budget { return [Unit(text: block.text, tokens: tokens, isCode: block.isCode)] }
        if block.isCode {
            return pack(block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                        separator: "\n", budget: budget, isCode: true)
        }
        let sentences = SentenceSplitter.split(block.text).flatMap { sentence -> [String] in
            countTokens(sentence) <= budget ? [sentence] : pack(sentence.split(separator: " ").map(String.init),
                                                                separator: " ", budget: budget, isCode: false).map(\.text)
        }
        return sentences.map { Unit(text: $0, tokens: countTokens($0), isCode: false) }
    }

    /// Greedily joins pieces with `separator` into units within `budget` (a piece longer than
    /// the budget on its own becomes its own unit; the embedder truncates it).
    private func pack(_ pieces: [String], separator: String, budget: Int, isCode: Bool) -> [Unit] {
        var units: [Unit] = []
        var text = ""
        var tokens = 0
        for piece in pieces {
            let t = countTokens(piece)
            if tokens + t > budget && !text.isEmpty {
                units.append(Unit(text: text, tokens: tokens, isCode: isCode))
                text = ""
                tokens = 0
            }
            text += text.isEmpty ? piece : separator + piece
            tokens += t
        }
        if !text.trimmingWhitespace().isEmpty { units.append(Unit(text: text, tokens: tokens, isCode: isCode)) }
        return units
    }

    /// Trailing whole sentences of the previous chunk's prose, within the overlap and `room`.
    private func overlap(after units: [Unit], room: Int) -> [Unit] {
        guard let last = units.last, !last.isCode, overlapTokens > 0 else { return [] }
        var picked: [String] = []
        var total = 0
        for sentence in SentenceSplitter.split(last.text).reversed() {
            let t = countTokens(sentence)
            guard total + t <= min(overlapTokens, room) else { break }
            picked.insert(sentence, at: 0)
            total += t
        }
        guard !picked.isEmpty else { return [] }
        return [Unit(text: picked.joined(separator: " "), tokens: total, isCode: false)]
    }
}
