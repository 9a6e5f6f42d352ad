import Foundation

/// Settings of the local embedder: where the model is and how many threads compute it.
///
/// Read from the environment with ``fromEnvironment(_:)``:
/// - `FTE_EMBED_MODEL_DIR`: the model directory; default
///   `${FTE_MODEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/fte/models}/all-MiniLM-L6-v2`,
///   where `scripts/setup.sh` installs it.
/// - `FTE_EMBED_THREADS`: compute threads; default the number of cores.
public struct LocalEmbedderConfiguration: Sendable, Equatable {
    /// The model's name as stored beside its vectors.
    public static let modelName = "all-MiniLM-L6-v2"

    /// The directory holding `model.safetensors`, `vocab.txt`, `config.json` (and `tokenizer.json`).
    public var modelDirectory: String
    /// Threads for matrix products and the other per-token work; at least 1.
    public var threads: Int
    /// Tokens packed into one forward pass; bounds memory (about 14 KB per token).
    public var maxBatchTokens: Int
    /// Tokens per text including `[CLS]` and `[SEP]`; longer texts are truncated (the model's
    /// `max_seq_length`, 256).
    public var maxSequenceLength: Int

    /// Creates a configuration.
    /// - Parameters:
    ///   - modelDirectory: the model directory.
    ///   - threads: compute threads; `nil` for the number of cores.
    ///   - maxBatchTokens: tokens per forward pass.
    ///   - maxSequenceLength: tokens per text including `[CLS]` and `[SEP]`.
    public init(
        modelDirectory: String,
        threads: Int? = nil,
        maxBatchTokens: Int = 4096,
        maxSequenceLength: Int = 256
    ) {
        self.modelDirectory = modelDirectory
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.maxBatchTokens = max(maxBatchTokens, maxSequenceLength)
        self.maxSequenceLength = maxSequenceLength
    }

    /// Reads `FTE_EMBED_MODEL_DIR` and `FTE_EMBED_THREADS`; flags given on the command line win.
    /// - Parameters:
    ///   - environment: the environment; the process's by default.
    ///   - modelDirectoryFlag: `--model-dir`, if given.
    ///   - threadsFlag: `--threads`, if given.
    /// - Throws: ``EmbeddingError`` (`invalidConfiguration`) when the thread count is not a
    ///   positive whole number.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        modelDirectoryFlag: String? = nil,
        threadsFlag: String? = nil
    ) throws -> LocalEmbedderConfiguration {
        var threads: Int?
        if let raw = ConfigKey.embedThreads.resolve(flag: threadsFlag, environment: environment) {
            guard let value = Int(raw), (1...1024).contains(value) else {
                let source = threadsFlag?.isEmpty == false ? "--threads" : ConfigKey.embedThreads.name
                throw EmbeddingError(.invalidConfiguration, "\(source) must be a whole number from 1 to 1024 (got '\(raw)')")
            }
            threads = value
        }
        return LocalEmbedderConfiguration(
            modelDirectory: modelDirectoryFlag.flatMap { $0.isEmpty ? nil : $0 } ?? defaultModelDirectory(environment),
            threads: threads
        )
    }

    /// `FTE_EMBED_MODEL_DIR`, else the directory where `scripts/setup.sh` installs the model.
    /// - Parameter environment: the environment; the process's by default.
    public static func defaultModelDirectory(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let dir = ConfigKey.embedModelDirectory.resolve(flag: nil, environment: environment) { return dir }
        return ConfigKey.modelHomeDirectory(environment) + "/" + modelName
    }
}

/// Which embedder to use. Build it with ``makeEmbedder()``.
public enum EmbedderConfiguration: Sendable {
    /// all-MiniLM-L6-v2 computed in this process (``MiniLMEmbedder``).
    case local(LocalEmbedderConfiguration)

    /// Creates the embedder. Loading the local model maps its weights and reads its vocabulary
    /// (tens of milliseconds).
    /// - Throws: ``EmbeddingError`` when the model is missing or corrupt.
    public func makeEmbedder() throws -> any Embedder {
        switch self {
        case .local(let configuration):
            return try MiniLMEmbedder(configuration: configuration)
        }
    }
}
