import ArgumentParser
import FTECore
import Foundation

extension KB.Candidates {
    /// `fte kb candidates list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List candidates, newest first.")

        @Option(help: "Only candidates with this status: pending, approved or rejected.") var status: KnowledgeCandidate.Status?
        @Option(help: "Most candidates to list (1-10000).") var limit = 100
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            guard (1...10_000).contains(limit) else { throw CommandFailure.usage("--limit must be between 1 and 10000 (got \(limit))") }
            let (status, limit) = (status, limit)
            let candidates = try await database.withDatabase { try await CandidateStore(database: $0).list(status: status, limit: limit) }
            switch output.format {
            case .json: print(try Rendering.json(candidates))
            case .csv:
                print(Rendering.csv(
                    header: ["id", "status", "category", "tickets", "title", "updated_at"],
                    rows: candidates.map { [String($0.id), $0.status.rawValue, $0.category, String($0.ticketIDs.count), $0.title,
                                            Rendering.timestamp($0.updatedAt)] }))
            case .table: print(KB.Candidates.table(candidates))
            }
        }
    }

    /// `fte kb candidates show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a candidate: its text, tickets and history.")

        @Argument(help: "The candidate's id.") var id: String
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let id = try KB.Candidates.id(id)
            let (candidate, events) = try await database.withDatabase { try await CandidateStore(database: $0).show(id) }
            switch output.format {
            case .json:
                struct Detail: Encodable { var candidate: KnowledgeCandidate; var events: [CandidateEvent] }
                print(try Rendering.json(Detail(candidate: candidate, events: events)))
            case .table, .csv:
                var lines = [
                    "Candidate \(candidate.id) · \(candidate.status.rawValue) · \(candidate.category) · drafted \(candidate.draftedBy.rawValue)",
                    "Title: \(candidate.title)",
                ]
                if let source = candidate.documentSource { lines.append("Document: \(source)") }
                if let reason = candidate.rejectionReason { lines.append("Rejected: \(reason)") }
                lines += ["", "Question:", candidate.question, "", "Answer:", candidate.answer, "",
                          "Tickets (\(candidate.ticketIDs.count)): " + candidate.ticketIDs.map(\.lowercasedString).joined(separator: ", "),
                          "", "History:"]
                lines += events.map { "  \(Rendering.shortTimestamp($0.at))  \($0.kind) by \($0.actor)" + ($0.note.map { " — \($0)" } ?? "") }
                print(lines.joined(separator: "\n"))
            }
        }
    }

    /// `fte kb candidates edit ID`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit a pending candidate's title, category, question and answer in $EDITOR (Markdown).",
            discussion: "Opens $VISUAL, else $EDITOR, else vi, on the candidate as Markdown; saving it with changes records an edit.")

        @Argument(help: "The candidate's id.") var id: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let id = try KB.Candidates.id(id)
            let by = actor.resolved
            let result: String = try await database.withDatabase { db in
                let store = CandidateStore(database: db)
                let (candidate, _) = try await store.show(id)
                guard candidate.status == .pending else {
                    throw LearningError(.invalidTransition, "candidate \(id) is already \(candidate.status.rawValue); only pending candidates are edited")
                }
                let original = CandidateText(candidate)
                let edited = try CandidateMarkdown.parseDraft(try Self.runEditor(on: CandidateMarkdown.draft(original), id: id))
                guard edited != original else { return "No changes to candidate \(id)." }
                _ = try await store.edit(id, to: edited, actor: by)
                return "Candidate \(id) edited by \(by)."
            }
            print(result)
        }

        /// Writes `text` to a private temporary file, runs the editor on it, and reads it back.
        static func runEditor(on text: String, id: Int64) throws -> String {
            let environment = ProcessInfo.processInfo.environment
            let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? "vi"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-candidate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("candidate-\(id).md")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The editor may carry arguments ("code --wait"); the file is passed as "$1", never interpolated.
            process.arguments = ["-c", "\(editor) \"$1\"", "fte-edit", file.path]
            do {
                try process.run()
            } catch {
                throw CommandFailure(message: "cannot start the editor \(editor): \(error.localizedDescription)", exitCode: 1)
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandFailure(message: "the editor (\(editor)) exited with status \(process.terminationStatus); nothing changed", exitCode: 1)
            }
            return try String(contentsOf: file, encoding: .utf8)
        }
    }

    /// `fte kb candidates approve ID --into DIR`.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a candidate: write it as a Markdown document into your knowledge-base folder and ingest it.",
            discussion: """
                Example: fte kb candidates approve 12 --into docs/learned/ --by ana. The document's source in the \
                knowledge base is its path relative to --root (default: the folder above --into), as `fte kb ingest ROOT` \
                names it; commit the file like any other document.
                """)

        @Argument(help: "The candidate's id.") var id: String
        @Option(help: ArgumentHelp("Folder of your knowledge base to write the document into.", valueName: "dir"), completion: .directory)
        var into: String
        @Option(help: ArgumentHelp("The knowledge-base folder you give `fte kb ingest` (default: the parent of --into).", valueName: "dir"), completion: .directory)
        var root: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let id = try KB.Candidates.id(id)
            let folder = URL(fileURLWithPath: into).standardizedFileURL
            let root = root ?? folder.deletingLastPathComponent().path
            let (into, by) = (into, actor.resolved)
            let embedder = try await embedding.makeEmbedder()
            let approval = try await database.withDatabase { db in
                let ingestor = KnowledgeIngestor(database: db, embedder: embedder, chunker: embedder.makeChunker())
                return try await CandidateApprover(database: db, ingestor: ingestor).approve(id, into: into, root: root, actor: by)
            }
            switch output.format {
            case .json: print(try Rendering.json(approval))
            case .table, .csv:
                print("Candidate \(id) approved by \(by): wrote \(approval.path) and ingested it as \(approval.source); commit the file.")
            }
        }
    }

    /// `fte kb candidates reject ID --reason …`.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a candidate; questions like it are not proposed again.")

        @Argument(help: "The candidate's id.") var id: String
        @Option(help: "Why (recorded with the decision).") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let id = try KB.Candidates.id(id)
            let (reason, by) = (reason, actor.resolved)
            let candidate = try await database.withDatabase { try await CandidateStore(database: $0).reject(id, reason: reason, actor: by) }
            switch output.format {
            case .json: print(try Rendering.json(candidate))
            case .table, .csv: print("Candidate \(id) rejected by \(by): \(candidate.rejectionReason ?? reason)")
            }
        }
    }
}
