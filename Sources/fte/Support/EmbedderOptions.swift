import ArgumentParser
import FTECore

/// `--model-dir` and `--threads`, shared by every command that embeds text.
struct EmbedderOptions: ParsableArguments {
    @Option(name: .customLong("model-dir"), help: ArgumentHelp("Model directory (env FTE_EMBED_MODEL_DIR).", valueName: "dir"))
    var modelDirectory: String?

    @Option(help: ArgumentHelp("Embedding threads (env FTE_EMBED_THREADS; default: all cores).", valueName: "n"))
    var threads: String?

    /// Loads the local embedder, reporting a missing or corrupt model as one line.
    func makeEmbedder(maxBatchTokens: Int? = nil) async throws -> MiniLMEmbedder {
        do {
            var configuration = try LocalEmbedderConfiguration.fromEnvironment(
                modelDirectoryFlag: modelDirectory, threadsFlag: threads)
            if let maxBatchTokens { configuration.maxBatchTokens = max(maxBatchTokens, configuration.maxSequenceLength) }
            return try await MiniLMEmbedder.load(configuration: configuration)
        } catch let error as EmbeddingError {
            throw CommandFailure(
                message: error.description,
                exitCode: error.code == .invalidConfiguration ? CommandFailure.usageStatus : 1)
        }
    }
}
