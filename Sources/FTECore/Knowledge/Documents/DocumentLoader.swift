import Crypto
import Foundation
// `stat` for the folder walk: its declaration is owned by Glibc or by CoreFoundation's headers,
// depending on which module the compiler loads first.
#if canImport(Glibc)
import Glibc
#endif
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// `st_mode`'s file-type bits (`S_IFMT`, `S_IFDIR`, `S_IFREG`; the macros are ambiguous with both
/// modules imported).
private enum FileType {
    static let mask: mode_t = 0o170000
    static let directory: mode_t = 0o040000
    static let regular: mode_t = 0o100000
}

/// A file found under an ingest path, read and hashed.
public struct SourceFile: Sendable {
    /// Path relative to the ingest root (the file name when a file was given).
    public var source: String
    public var url: URL
    public var format: KnowledgeDocument.Format
    /// The file's bytes.
    public var data: Data
    /// SHA-256 of the bytes, lowercase hex: unchanged files are skipped by it.
    public var contentHash: String

    /// The top folder of `source` (`billing/refunds.md` → `billing`), else `general`.
    public var category: String {
        let parts = source.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : "general"
    }
}

/// Why a file could not be loaded; ingest reports it by name and goes on.
public struct DocumentLoadError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String
    /// Not a failure: a file fte cannot read here by design (a PDF without pdftotext).
    public var isSkipped = false
    public var description: String { "\(source): \(reason)" }
}

/// Finds knowledge-base files and turns them into ``KnowledgeDocument``s.
public struct DocumentLoader: Sendable {
    /// Extensions fte reads, by format.
    public static let formats: [String: KnowledgeDocument.Format] = [
        "md": .markdown, "markdown": .markdown, "txt": .text, "text": .text,
        "html": .html, "htm": .html, "pdf": .pdf,
    ]

    /// The default of ``maxFileBytes``: 10 MiB.
    public static let defaultMaxFileBytes = 10 << 20

    /// The `pdftotext` executable (poppler-utils), when installed.
    public let pdftotext: String?
    /// Files larger than this are refused (`FTE_KB_MAX_FILE_BYTES`): a document that size is
    /// an export or a log, not an article, and would take minutes and hundreds of megabytes.
    public var maxFileBytes: Int

    public init(
        pdftotext: String? = DocumentLoader.findExecutable("pdftotext"), maxFileBytes: Int = DocumentLoader.defaultMaxFileBytes
    ) {
        self.pdftotext = pdftotext
        self.maxFileBytes = maxFileBytes
    }

    /// Files with a known extension under `paths` (folders walked recursively, following
    /// links; hidden files and folders ignored), sorted by source. Folders that cannot be
    /// listed and links to nothing are returned as failures.
    public func discover(_ paths: [String]) -> (files: [(source: String, url: URL)], failures: [DocumentLoadError]) {
        var walk = FolderWalk()
        for path in paths {
            let root = URL(fileURLWithPath: path).standardizedFileURL
            guard FileManager.default.fileExists(atPath: root.path) else {
                walk.failures.append(DocumentLoadError(source: path, reason: "no such file or folder"))
                continue
            }
            guard FileManager.default.isReadableFile(atPath: root.path) else {
                walk.failures.append(DocumentLoadError(source: path, reason: "cannot be read (permission denied)"))
                continue
            }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                walk.visit(root, relative: "")
            } else {
                walk.files.append((root.lastPathComponent, root))
            }
        }
        return (walk.files.sorted { $0.source < $1.source }, walk.failures)
    }

    /// Whether the file of a stored document `source` is confirmed gone from every folder in
    /// `paths`: `--prune` removes only those. Gone means the file's deepest existing ancestor
    /// under the folder is a folder that can be listed and does not hold the next part of the
    /// path; a folder that cannot be read, or a link to nothing, confirms nothing.
    public func isConfirmedGone(_ source: String, under paths: [String]) -> Bool {
        for path in paths {
            let root = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return false }
            if !isDirectory.boolValue {
                if root.lastPathComponent == source { return false }
                continue
            }
            if !Self.isAbsent(source.split(separator: "/").map(String.init), under: root) { return false }
        }
        return true
    }

    /// Whether `components` below the readable folder `folder` are absent, as far as can be told.
    private static func isAbsent(_ components: [String], under folder: URL) -> Bool {
        guard let first = components.first else { return false }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        guard entries.contains(first) else { return true }
        let next = folder.appendingPathComponent(first)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: next.path, isDirectory: &isDirectory) else { return false }
        if components.count == 1 { return false }
        // A file where a folder was: everything below it is gone.
        return isDirectory.boolValue ? isAbsent(Array(components.dropFirst()), under: next) : true
    }

    /// Reads and hashes a file.
    /// - Throws: ``DocumentLoadError`` for an unsupported type, a file over ``maxFileBytes``, or
    ///   a read failure.
    public func read(source: String, url: URL) throws(DocumentLoadError) -> SourceFile {
        guard let format = Self.formats[url.pathExtension.lowercased()] else {
            throw DocumentLoadError(source: source, reason: "unsupported file type .\(url.pathExtension)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else {
            throw DocumentLoadError(
                source: source,
                reason: "is \(Self.size(size)), larger than the \(Self.size(maxFileBytes)) limit (FTE_KB_MAX_FILE_BYTES, --max-file-bytes); split it or raise the limit")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw DocumentLoadError(source: source, reason: "cannot be read (permission denied or I/O error)")
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return SourceFile(source: source, url: url, format: format, data: data, contentHash: hash)
    }

    /// `52.4 MB` for 54,945,382 bytes, `4.0 KB`, `900 bytes` (1 MB = 2^20 bytes).
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }

    /// Parses a file's content into sections.
    public func parse(_ file: SourceFile) throws(DocumentLoadError) -> KnowledgeDocument {
        let fallbackTitle = file.url.deletingPathExtension().lastPathComponent
            .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        if file.format == .pdf { return try parsePDF(file, fallbackTitle: fallbackTitle) }
        let text = try Self.text(of: file)
        let document: KnowledgeDocument =
            switch file.format {
            case .markdown: MarkdownParser.parse(text, fallbackTitle: fallbackTitle)
            case .html: HTMLParser.parse(text, fallbackTitle: fallbackTitle)
            default: PlainTextParser.parse(text, fallbackTitle: fallbackTitle)
            }
        guard !document.sections.isEmpty else { throw DocumentLoadError(source: file.source, reason: "has no text") }
        return document
    }

    /// UTF-8 text, refusing binary content (NUL bytes or invalid UTF-8).
    static func text(of file: SourceFile) throws(DocumentLoadError) -> String {
        if file.data.prefix(8192).contains(0) {
            throw DocumentLoadError(source: file.source, reason: "is binary, not text")
        }
        var bytes = file.data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw DocumentLoadError(source: file.source, reason: "is not valid UTF-8 text")
        }
        return text
    }

    private func parsePDF(_ file: SourceFile, fallbackTitle: String) throws(DocumentLoadError) -> KnowledgeDocument {
        guard let pdftotext else {
            throw DocumentLoadError(
                source: file.source, reason: "skipped: PDF support needs pdftotext (Debian package poppler-utils)",
                isSkipped: true)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdftotext)
        process.arguments = ["-enc", "UTF-8", "-nopgbrk", file.url.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DocumentLoadError(source: file.source, reason: "pdftotext could not be started")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else {
            throw DocumentLoadError(source: file.source, reason: "is not a readable PDF")
        }
        let document = PlainTextParser.parse(text, fallbackTitle: fallbackTitle, format: .pdf)
        guard !document.sections.isEmpty else { throw DocumentLoadError(source: file.source, reason: "has no extractable text") }
        return document
    }

    /// The first executable named `name` on `PATH`.
    public static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// The recursive walk of ``DocumentLoader/discover(_:)``: follows links to folders once each
/// (by device and inode, so a link loop ends), reports what cannot be read.
private struct FolderWalk {
    var files: [(source: String, url: URL)] = []
    var failures: [DocumentLoadError] = []
    private var visited: Set<[UInt64]> = []

    mutating func visit(_ folder: URL, relative: String) {
        var info = stat()
        guard stat(folder.path, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            failures.append(DocumentLoadError(source: relative.isEmpty ? folder.path : relative, reason: "cannot be read (the folder cannot be listed)"))
            return
        }
        for name in entries.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let source = relative.isEmpty ? name : relative + "/" + name
            var entry = stat()
            guard stat(url.path, &entry) == 0 else {
                let ext = url.pathExtension.lowercased()
                if lstat(url.path, &entry) == 0, ext.isEmpty || DocumentLoader.formats[ext] != nil {
                    failures.append(DocumentLoadError(source: source, reason: "cannot be read (a link to something that does not exist)"))
                }
                continue
            }
            let type = entry.st_mode & FileType.mask
            if type == FileType.directory {
                visit(url, relative: source)
            } else if type == FileType.regular, DocumentLoader.formats[url.pathExtension.lowercased()] != nil {
                files.append((source, url))
            }
        }
    }
}
