import Foundation

/// Approves a candidate: writes its Markdown document into the knowledge-base folder the owner
/// names and ingests it, so it is searchable at once and the owner commits it like any other
/// document. If writing or ingesting fails, the candidate stays pending and no file is left.
public struct CandidateApprover: Sendable {
    let database: Database
    let ingestor: KnowledgeIngestor

    public init(database: Database, ingestor: KnowledgeIngestor) {
        self.database = database
        self.ingestor = ingestor
    }

    /// What approval did.
    public struct Approval: Sendable, Encodable {
        public var candidate: KnowledgeCandidate
        /// The file written.
        public var path: String
        /// The document's source in the knowledge base (relative to `root`).
        public var source: String
    }

    /// Approves candidate `id` into the folder `folder`, inside the knowledge-base folder `root`
    /// (the folder `fte kb ingest` is given; the document's source is its path relative to it).
    /// - Throws: ``LearningError`` `invalidInput` (folder outside the root, not writable),
    ///   `notFound`, `invalidTransition`; ingest errors.
    public func approve(_ id: Int64, into folder: String, root: String, actor: String, now: Date = Date()) async throws -> Approval {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let folderURL = URL(fileURLWithPath: folder).standardizedFileURL
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        guard folderURL.path == rootURL.path || folderURL.path.hasPrefix(rootPath) else {
            throw LearningError(.invalidInput, "--into (\(folder)) must be inside the knowledge-base folder --root (\(root))")
        }
        let (current, _) = try await CandidateStore(database: database).show(id)
        guard current.status == .pending else {
            throw LearningError(.invalidTransition, "candidate \(id) is already \(current.status.rawValue)\(current.decidedBy.map { " by \($0)" } ?? "")")
        }
        do {
            try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
        } catch {
            throw LearningError(.invalidInput, "cannot create \(folder): \(error.localizedDescription)")
        }
        let file = Self.freeFile(in: folderURL, name: CandidateMarkdown.fileName(title: current.title, id: id))
        let source = String(file.path.dropFirst(rootPath.count))
        do {
            try CandidateMarkdown.document(current, approvedBy: actor, on: now).write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw LearningError(.invalidInput, "cannot write \(file.path): \(error.localizedDescription)")
        }
        do {
            let candidate = try await CandidateStore(database: database).approve(id, source: source, actor: actor) { locked in
                guard CandidateText(locked) == CandidateText(current), locked.ticketIDs == current.ticketIDs else {
                    throw LearningError(.invalidTransition, "candidate \(id) changed while it was being approved; approve it again")
                }
                let summary = try await ingestor.ingest([rootURL.path], only: [source])
                guard summary.added.contains(source) || summary.updated.contains(source) else {
                    throw LearningError(.invalidInput, "\(source) was not ingested: \(summary.failed.joined(separator: "; "))")
                }
            }
            return Approval(candidate: candidate, path: file.path, source: source)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    /// `name` in `folder`, or `name-2`, `name-3`… when taken.
    static func freeFile(in folder: URL, name: String) -> URL {
        let base = (name as NSString).deletingPathExtension
        var candidate = folder.appendingPathComponent(name)
        var number = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(base)-\(number).md")
            number += 1
        }
        return candidate
    }
}
