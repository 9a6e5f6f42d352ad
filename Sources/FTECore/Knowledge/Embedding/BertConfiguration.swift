import Foundation

/// The dimensions of a BERT encoder, read from the model's `config.json`.
struct BertConfiguration: Sendable, Equatable {
    var hiddenSize = 384
    var layers = 6
    var heads = 12
    var intermediateSize = 1536
    var maxPositions = 512
    var vocabularySize = 30522
    var typeVocabularySize = 2
    var layerNormEpsilon: Float = 1e-12

    /// The width of one attention head.
    var headSize: Int { hiddenSize / heads }

    /// Reads and checks `config.json`.
    /// - Throws: ``EmbeddingError`` naming the file: `missingFile`, `corruptModel` (not JSON), or
    ///   `invalidConfiguration` (an architecture this encoder does not implement).
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingError(.missingFile, "missing file (the model's config.json)", path: path)
        }
        guard let json = try? JSONValue(parsing: data), json.objectValue != nil else {
            throw EmbeddingError(.corruptModel, "not a JSON object", path: path)
        }
        func int(_ key: String, _ fallback: Int) throws -> Int {
            guard let value = json[key] else { return fallback }
            guard let number = value.intValue, number > 0 else {
                throw EmbeddingError(.invalidConfiguration, "\(key) must be a positive integer", path: path)
            }
            return number
        }
        hiddenSize = try int("hidden_size", hiddenSize)
        layers = try int("num_hidden_layers", layers)
        heads = try int("num_attention_heads", heads)
        intermediateSize = try int("intermediate_size", intermediateSize)
        maxPositions = try int("max_position_embeddings", maxPositions)
        vocabularySize = try int("vocab_size", vocabularySize)
        typeVocabularySize = try int("type_vocab_size", typeVocabularySize)
        if let eps = json["layer_norm_eps"]?.doubleValue { layerNormEpsilon = Float(eps) }
        if let act = json["hidden_act"]?.stringValue, act != "gelu" {
            throw EmbeddingError(.invalidConfiguration, "hidden_act '\(act)' is not supported (only gelu)", path: path)
        }
        if let kind = json["position_embedding_type"]?.stringValue, kind != "absolute" {
            throw EmbeddingError(.invalidConfiguration, "position_embedding_type '\(kind)' is not supported", path: path)
        }
        guard hiddenSize % heads == 0 else {
            throw EmbeddingError(.invalidConfiguration, "hidden_size \(hiddenSize) must divide into \(heads) heads", path: path)
        }
    }

    /// all-MiniLM-L6-v2's dimensions, for tests.
    init() {}
}
