import Foundation

/// The files of a model directory, checked to exist, and the tokenizer built from them.
struct ModelFiles {
    let directory: String
    let config: String
    let weights: String
    let vocabulary: String
    /// `tokenizer.json`, when present: lists the tokens matched whole in raw text.
    let tokenizerJSON: String?

    /// Checks the directory and its required files.
    /// - Throws: ``EmbeddingError`` `modelNotFound` or `missingFile`, naming the path and how to
    ///   install the model.
    init(directory: String) throws {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EmbeddingError(
                .modelNotFound,
                "model directory not found; run scripts/setup.sh to install all-MiniLM-L6-v2, or point FTE_EMBED_MODEL_DIR (--model-dir) at it",
                path: directory)
        }
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        for name in ["config.json", "vocab.txt", "model.safetensors"] where !fm.fileExists(atPath: file(name)) {
            throw EmbeddingError(
                .missingFile,
                "missing file \(name) in the model directory; run scripts/setup.sh to reinstall all-MiniLM-L6-v2",
                path: directory)
        }
        self.directory = directory
        self.config = file("config.json")
        self.weights = file("model.safetensors")
        self.vocabulary = file("vocab.txt")
        self.tokenizerJSON = fm.fileExists(atPath: file("tokenizer.json")) ? file("tokenizer.json") : nil
    }

    /// Reads `vocab.txt` (and the added tokens of `tokenizer.json`).
    /// - Parameter vocabularySize: rows of the embedding matrix; every token id must be below it.
    func loadTokenizer(vocabularySize: Int) throws -> BertTokenizer {
        guard let bytes = FileManager.default.contents(atPath: vocabulary), !bytes.isEmpty else {
            throw EmbeddingError(.corruptModel, "cannot read the vocabulary, or it is empty", path: vocabulary)
        }
        let vocab = Vocabulary(fileContents: [UInt8](bytes))
        guard vocab.count <= vocabularySize else {
            throw EmbeddingError(.wrongShape,
                                 "the vocabulary has \(vocab.count) tokens but the model embeds only \(vocabularySize)",
                                 path: vocabulary)
        }
        var added: [(String, Int32)] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            vocab.id(of: token).map { (token, $0) }
        }
        if let tokenizerJSON {
            added = try Self.addedTokens(path: tokenizerJSON, vocabularySize: vocabularySize)
        }
        return try BertTokenizer(vocabulary: vocab, addedTokens: added, path: vocabulary)
    }

    /// The `added_tokens` of a `tokenizer.json`, checked to be a lower-casing BERT tokenizer.
    private static func addedTokens(path: String, vocabularySize: Int) throws -> [(String, Int32)] {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue(parsing: data),
              json.objectValue != nil
        else { throw EmbeddingError(.corruptModel, "not a JSON object", path: path) }
        if json["normalizer"]?["lowercase"]?.boolValue == false {
            throw EmbeddingError(.invalidConfiguration, "only lower-casing (uncased) BERT tokenizers are supported", path: path)
        }
        if let type = json["model"]?["type"]?.stringValue, type != "WordPiece" {
            throw EmbeddingError(.invalidConfiguration, "tokenizer model \(type) is not supported (only WordPiece)", path: path)
        }
        var tokens: [(String, Int32)] = []
        for entry in json["added_tokens"]?.arrayValue ?? [] {
            guard let content = entry["content"]?.stringValue, let id = entry["id"]?.intValue else { continue }
            guard id >= 0, id < vocabularySize else {
                throw EmbeddingError(.wrongShape, "added token \(content) has id \(id) outside the vocabulary", path: path)
            }
            tokens.append((content, Int32(id)))
        }
        return tokens
    }
}
