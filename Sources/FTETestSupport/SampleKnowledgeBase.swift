import Foundation

/// The sample knowledge base in `samples/`, and scratch copies of it for tests that edit files.
public enum SampleKnowledgeBase {
    /// The repository's root folder (three levels above this file).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `samples/knowledge-base`.
    public static var folder: URL { repositoryRoot.appendingPathComponent("samples/knowledge-base") }

    /// `samples/knowledge-base-questions.jsonl`.
    public static var questions: URL { repositoryRoot.appendingPathComponent("samples/knowledge-base-questions.jsonl") }

    /// Copies the sample knowledge base into a new temporary folder.
    public static func scratchCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("fte-kb-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: folder, to: copy)
        return copy
    }
}
