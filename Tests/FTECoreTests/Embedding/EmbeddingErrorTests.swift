import Foundation
import Testing
@testable import FTECore

/// Bad model directories give an ``EmbeddingError`` naming the path and the problem.
@Suite struct EmbeddingErrorTests {
    /// A temporary model directory with the real config and vocabulary and a weights file of our
    /// making; removed at the end of the test.
    final class ScratchModel {
        let directory: String

        init() throws {
            directory = NSTemporaryDirectory() + "fte-embedding-test-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let source = EmbeddingFixture.modelDirectory
            guard FileManager.default.fileExists(atPath: source + "/vocab.txt") else {
                Issue.record("all-MiniLM-L6-v2 is not installed at \(source): run scripts/setup.sh")
                throw EmbeddingError(.modelNotFound, "model not installed", path: source)
            }
            for name in ["config.json", "vocab.txt", "tokenizer.json"] {
                try FileManager.default.copyItem(atPath: source + "/" + name, toPath: directory + "/" + name)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        var weightsPath: String { directory + "/model.safetensors" }

        func writeWeights(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: weightsPath))
        }

        /// A safetensors file holding zero-filled F32 tensors of the given shapes.
        func writeWeights(tensors: [(String, [Int])]) throws {
            var offset = 0
            var entries: [String] = []
            for (name, shape) in tensors {
                let bytes = shape.reduce(4, *)
                entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[\(offset),\(offset + bytes)]}")
                offset += bytes
            }
            var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
            while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
            var file = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
            file += header
            file += [UInt8](repeating: 0, count: offset)
            try writeWeights(file)
        }

        func load() throws -> MiniLMEmbedder {
            try MiniLMEmbedder(configuration: .init(modelDirectory: directory, threads: 1))
        }
    }

    private func expectError(_ code: EmbeddingError.Code, mentioning words: [String],
                             _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("no error thrown", sourceLocation: sourceLocation)
        } catch let error as EmbeddingError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            for word in words {
                #expect(error.description.contains(word), "'\(word)' not in: \(error)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func missingDirectoryNamesPathAndSetupScript() {
        let path = "/nonexistent/fte-models/all-MiniLM-L6-v2"
        expectError(.modelNotFound, mentioning: [path, "scripts/setup.sh"]) {
            _ = try MiniLMEmbedder(configuration: .init(modelDirectory: path))
        }
    }

    @Test func missingWeightsFile() throws {
        let model = try ScratchModel()
        expectError(.missingFile, mentioning: [model.directory, "model.safetensors"]) { _ = try model.load() }
    }

    @Test func missingVocabularyFile() throws {
        let model = try ScratchModel()
        try model.writeWeights(tensors: [])
        try FileManager.default.removeItem(atPath: model.directory + "/vocab.txt")
        expectError(.missingFile, mentioning: ["vocab.txt"]) { _ = try model.load() }
    }

    @Test func fileShorterThanHeaderLength() throws {
        let model = try ScratchModel()
        try model.writeWeights([1, 2, 3])
        expectError(.corruptModel, mentioning: [model.weightsPath, "too short"]) { _ = try model.load() }
    }

    @Test func headerLengthBeyondFile() throws {
        let model = try ScratchModel()
        try model.writeWeights([0xFF, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D])
        expectError(.corruptModel, mentioning: [model.weightsPath, "header length 255"]) { _ = try model.load() }
    }

    @Test func headerNotJSON() throws {
        let model = try ScratchModel()
        try model.writeWeights([4, 0, 0, 0, 0, 0, 0, 0] + Array("nope".utf8))
        expectError(.corruptModel, mentioning: [model.weightsPath, "JSON"]) { _ = try model.load() }
    }

    @Test func truncatedRealWeights() throws {
        let model = try ScratchModel()
        let source = try #require(FileHandle(forReadingAtPath: EmbeddingFixture.modelDirectory + "/model.safetensors"))
        defer { try? source.close() }
        let prefix = try #require(try source.read(upToCount: 1_000_000))
        try prefix.write(to: URL(fileURLWithPath: model.weightsPath))
        expectError(.corruptModel, mentioning: [model.weightsPath, "truncated"]) { _ = try model.load() }
    }

    @Test func missingTensor() throws {
        let model = try ScratchModel()
        try model.writeWeights(tensors: [("embeddings.LayerNorm.weight", [384])])
        expectError(.missingTensor, mentioning: [model.weightsPath, "embeddings.word_embeddings.weight"]) {
            _ = try model.load()
        }
    }

    @Test func wrongShape() throws {
        let model = try ScratchModel()
        try model.writeWeights(tensors: [("embeddings.word_embeddings.weight", [10, 384])])
        expectError(.wrongShape, mentioning: ["embeddings.word_embeddings.weight", "[10, 384]", "[30522, 384]"]) {
            _ = try model.load()
        }
    }

    @Test func invalidThreadSetting() {
        expectError(.invalidConfiguration, mentioning: ["FTE_EMBED_THREADS", "zero"]) {
            _ = try LocalEmbedderConfiguration.fromEnvironment(["FTE_EMBED_THREADS": "zero"])
        }
    }

    @Test func environmentChoosesModelDirectory() throws {
        let configuration = try LocalEmbedderConfiguration.fromEnvironment(
            ["FTE_EMBED_MODEL_DIR": "/models/minilm", "FTE_EMBED_THREADS": "3"])
        #expect(configuration.modelDirectory == "/models/minilm")
        #expect(configuration.threads == 3)
        #expect(LocalEmbedderConfiguration.defaultModelDirectory(["HOME": "/home/ann"])
            == "/home/ann/.local/share/fte/models/all-MiniLM-L6-v2")
        #expect(LocalEmbedderConfiguration.defaultModelDirectory(["XDG_DATA_HOME": "/data"])
            == "/data/fte/models/all-MiniLM-L6-v2")
        #expect(LocalEmbedderConfiguration.defaultModelDirectory(["FTE_MODEL_HOME": "/m"]) == "/m/all-MiniLM-L6-v2")
    }
}
