import FTECore
import Foundation
import Testing

/// What `fte kb ingest` may read and what `--prune` may remove.
@Suite struct DocumentLoaderTests {
    /// A scratch folder with `files` (relative path → text), removed afterwards.
    func withFolder(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fte-loader-\(UUID())")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        try body(root)
    }

    @Test func filesOverTheLimitAreRefusedByNameBeforeTheyAreRead() throws {
        try withFolder(["big.txt": String(repeating: "x", count: 4096), "small.md": "# Small\n\nFits."]) { root in
            let loader = DocumentLoader(pdftotext: nil, maxFileBytes: 1024)
            #expect(throws: (any Error).self) { try loader.read(source: "big.txt", url: root.appendingPathComponent("big.txt")) }
            do {
                _ = try loader.read(source: "big.txt", url: root.appendingPathComponent("big.txt"))
            } catch let error as DocumentLoadError {
                #expect(error.description == "big.txt: is 4.0 KB, larger than the 1.0 KB limit (FTE_KB_MAX_FILE_BYTES, --max-file-bytes); split it or raise the limit")
            }
            #expect(try loader.read(source: "small.md", url: root.appendingPathComponent("small.md")).data.count < 1024)
        }
    }

    @Test func onlyFilesConfirmedGoneArePrunable() throws {
        try withFolder(["kept.md": "# Kept", "billing/refunds.md": "# Refunds", "shared/x.md": "# X"]) { root in
            let loader = DocumentLoader(pdftotext: nil)
            #expect(!loader.isConfirmedGone("kept.md", under: [root.path]))
            #expect(!loader.isConfirmedGone("billing/refunds.md", under: [root.path]))
            #expect(loader.isConfirmedGone("deleted.md", under: [root.path]))
            #expect(loader.isConfirmedGone("billing/deleted.md", under: [root.path]))
            #expect(loader.isConfirmedGone("removed-folder/a.md", under: [root.path]))
            // A folder that now is a link to nothing (an unmounted share) confirms nothing.
            try FileManager.default.removeItem(at: root.appendingPathComponent("shared"))
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("shared").path, withDestinationPath: "/nonexistent/share")
            #expect(!loader.isConfirmedGone("shared/x.md", under: [root.path]))
            let (files, failures) = loader.discover([root.path])
            #expect(files.map(\.source) == ["billing/refunds.md", "kept.md"])
            #expect(failures.map(\.description) == ["shared: cannot be read (a link to something that does not exist)"])
            // A file where the folder was: the folder's documents are gone.
            try FileManager.default.removeItem(at: root.appendingPathComponent("billing"))
            try Data("now a file".utf8).write(to: root.appendingPathComponent("billing"))
            #expect(loader.isConfirmedGone("billing/refunds.md", under: [root.path]))
        }
    }

    @Test func linkedFoldersAreFollowedOnceEvenInALoop() throws {
        try withFolder(["docs/a.md": "# A"]) { root in
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent("docs/loop").path, withDestinationPath: root.appendingPathComponent("docs").path)
            let (files, failures) = DocumentLoader(pdftotext: nil).discover([root.appendingPathComponent("docs").path])
            #expect(files.map(\.source) == ["a.md"])
            #expect(failures.isEmpty)
        }
    }
}
