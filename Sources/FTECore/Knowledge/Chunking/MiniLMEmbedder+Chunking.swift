extension MiniLMEmbedder {
    /// Word pieces of `text` as the model splits it, without `[CLS]`/`[SEP]` and untruncated.
    public func wordPieceCount(_ text: String) -> Int {
        max(tokenizer.encode(text, maxLength: Int(Int32.max)).count - 2, 0)
    }

    /// A chunker whose chunks fit this model's window (256 tokens: 254 word pieces).
    public func makeChunker(overlapTokens: Int = 32) -> Chunker {
        Chunker(maxTokens: configuration.maxSequenceLength - 2, overlapTokens: overlapTokens) { [self] text in
            wordPieceCount(text)
        }
    }
}
