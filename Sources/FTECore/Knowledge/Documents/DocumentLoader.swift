import Crypto
import Foundation

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

    /// The `pdftotext` executable (poppler-utils), when installed.
    public let pdftotext: String?

    public init(pdftotext: String? = DocumentLoader.findExecutable("pdftotext")) {
        self.pdftotext = pdftotext
    }

    /// Files with a known extension under `paths` (folders walked recursively; hidden files and
    /// folders ignored), sorted by source. Unreadable entries are returned as failures.
    public func discover(_ paths: [String]) -> (files: [(source: String, url: URL)], failures: [DocumentLoadError]) {
        var files: [(String, URL)] = []
        var failures: [DocumentLoadError] = []
        let fm = FileManager.default
        for path in paths {
            let root = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
                failures.append(DocumentLoadError(source: path, reason: "no such file or folder"))
                continue
            }
            guard fm.isReadableFile(atPath: root.path) else {
                failures.append(DocumentLoadError(source: path, reason: "cannot be read (permission denied)"))
                continue
            }
            if !isDirectory.boolValue {
                files.append((root.lastPathComponent, root))
                continue
            }
            guard let enumerator = fm.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles],
                errorHandler: { url, error in
                    failures.append(DocumentLoadError(source: url.path, reason: "cannot be read (\(error.localizedDescription))"))
                    return true
                })
            else { continue }
            for case let url as URL in enumerator {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                    Self.formats[url.pathExtension.lowercased()] != nil
                else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count)).drop(while: { $0 == "/" })
                files.append((String(relative), url))
            }
        }
        return (files.sorted { $0.0 < $1.0 }, failures)
    }

    /// Reads and hashes a file.
    public func read(source: String, url: URL) throws(DocumentLoadError) -> SourceFile {
        guard let format = Self.formats[url.pathExtension.lowercased()] else {
            throw DocumentLoadError(source: source, reason: "unsupported file type .\(url.pathExtension)")
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
