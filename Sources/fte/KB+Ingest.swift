import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb ingest PATH…`.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load Markdown, text, HTML and PDF documents into the knowledge base.",
            discussion: """
                Folders are walked recursively (hidden files ignored). Unchanged documents (same content hash) \
                are skipped; changed ones are re-chunked, re-embedded and replaced, each in one transaction. \
                PDFs need pdftotext (Debian poppler-utils) and are skipped without it. Files larger than \
                --max-file-bytes are refused. A document's category is its top folder under PATH. With \
                --prune, documents whose files are confirmed gone are removed; a folder that cannot be read \
                keeps its documents. Progress goes to standard error (a bar on a terminal, a line every \
                10 s otherwise).
                """)

        @Argument(help: ArgumentHelp("Files or folders to ingest.", valueName: "path"), completion: .file())
        var paths: [String]

        @Flag(help: "Remove documents whose files are confirmed gone from the given paths.")
        var prune = false

        @Option(help: ArgumentHelp(
            "Largest file ingested, in bytes (env FTE_KB_MAX_FILE_BYTES; default 10485760, 10 MB).", valueName: "bytes"))
        var maxFileBytes: Int?

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Embeddings") var embedding: EmbedderOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one file or folder to ingest") }
        }

        func run() async throws {
            let maxFileBytes: Int
            do {
                maxFileBytes = try ConfigKey.kbMaxFileBytes.integer(
                    flag: self.maxFileBytes, environment: ProcessInfo.processInfo.environment,
                    default: DocumentLoader.defaultMaxFileBytes, in: 1...(1 << 40))
            } catch {
                throw CommandFailure(error)
            }
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure.usage("\(path): no such file or folder")
            }
            let embedder = try await embedding.makeEmbedder()
            let bar = ProgressBar(plainLines: true)
            let (paths, prune) = (paths, prune)
            let summary = try await database.withDatabase { db in
                try await Migrator(logger: CommandLogging.logger("fte.migrate")).migrate(db)
                let ingestor = KnowledgeIngestor(
                    database: db, embedder: embedder, chunker: embedder.makeChunker(),
                    loader: DocumentLoader(maxFileBytes: maxFileBytes))
                return try await ingestor.ingest(paths, prune: prune) { event in
                    switch event {
                    case .progress(let p) where p.phase == .reading:
                        bar.update("reading \(p.filesDone + 1)/\(p.filesTotal) files · \(p.current ?? "")", force: p.filesDone == 0)
                    case .progress(let p):
                        let rate = p.elapsed > 0 ? Double(p.chunksDone) / p.elapsed : 0
                        let eta = rate > 0 ? Double(p.chunksTotal - p.chunksDone) / rate : .infinity
                        let fraction = p.chunksTotal > 0 ? Double(p.chunksDone) / Double(p.chunksTotal) : 1
                        bar.update(
                            "\(ProgressBar.bar(fraction)) \(p.filesDone)/\(p.filesTotal) files · \(p.chunksDone)/\(p.chunksTotal) chunks · "
                                + String(format: "%.1f chunks/s", rate) + " · ETA \(ProgressBar.clock(eta))",
                            force: p.chunksDone == 0 || p.chunksDone == p.chunksTotal)
                    case .stored(let source, let chunks, let isNew):
                        bar.log("\(isNew ? "added  " : "updated") \(source) (\(chunks) chunks)")
                    case .failed(let error):
                        bar.log(error.isSkipped ? "skipped \(error.description)" : "failed  \(error.description)")
                    case .removed(let source):
                        bar.log("removed \(source)")
                    }
                }
            }
            bar.finish()
            switch output.format {
            case .json: print(try Rendering.json(summary))
            case .table, .csv:
                let rate = summary.embedSeconds > 0 ? Double(summary.chunksEmbedded) / summary.embedSeconds : 0
                print(
                    "\(summary.added.count) added · \(summary.updated.count) updated · \(summary.unchanged.count) unchanged · "
                        + "\(summary.removed.count) removed · \(summary.failed.count) failed"
                        + (summary.skipped.isEmpty ? "" : " · \(summary.skipped.count) skipped")
                        + String(format: " — %d chunks embedded in %.1f s (%.1f chunks/s)", summary.chunksEmbedded, summary.seconds, rate))
            }
            if !summary.failed.isEmpty { throw ExitCode.failure }
        }
    }
}
