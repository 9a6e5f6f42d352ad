import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte kb` through the built binary, with the real embedding model and PostgreSQL + pgvector.
@Suite(.serialized, .timeLimit(.minutes(10))) struct KnowledgeBaseCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func count(_ sql: SQLQuery, in db: TestDatabase) async throws -> Int {
        try await db.withClient { try await $0.query(sql)[0].decode("n") }
    }

    /// Every document's recorded chunk count matches its stored chunks.
    private func isConsistent(_ db: TestDatabase) async throws -> Bool {
        try await count(
            """
            SELECT count(*)::int AS n FROM kb_documents d
            WHERE d.chunk_count <> (SELECT count(*) FROM kb_chunks c WHERE c.document_id = d.id)
            """, in: db) == 0
    }

    @Test func ingestIsIncrementalAndPruneRemovesVanishedDocuments() async throws {
        try await withTestDatabase { db in
            let folder = try SampleKnowledgeBase.scratchCopy()
            defer { try? FileManager.default.removeItem(at: folder) }
            let env = ["FTE_DATABASE_URL": db.url]
            let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".") }

            let first = try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env)
            #expect(first.status == 0, "\(first.stderr)")
            let firstSummary = try json(first.stdout)
            #expect((firstSummary["added"] as? [String])?.count == files.count)
            #expect((firstSummary["failed"] as? [String])?.isEmpty == true)
            let chunks = try await count("SELECT count(*)::int AS n FROM kb_chunks", in: db)
            #expect(chunks == firstSummary["chunks_embedded"] as? Int)
            // Chunks stay whole in their rows: nothing went to the TOAST table.
            #expect(try await count(
                "SELECT pg_relation_size(reltoastrelid)::int AS n FROM pg_class WHERE relname = 'kb_chunks'", in: db) == 0)
            // Every chunk fits MiniLM's window.
            #expect(try await count("SELECT count(*)::int AS n FROM kb_chunks WHERE token_count > 254", in: db) == 0)
            // HTML scripts never become content.
            #expect(try await count("SELECT count(*)::int AS n FROM kb_chunks WHERE content LIKE '%function%(%' AND content LIKE '%var %'", in: db) == 0)

            let second = try json(try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env).stdout)
            #expect(second["chunks_embedded"] as? Int == 0)
            #expect((second["unchanged"] as? [String])?.count == files.count)

            let edited = folder.appendingPathComponent("billing/changing-plans-and-seats.md")
            try (try String(contentsOf: edited, encoding: .utf8) + "\n\n## Seat reports\nOwners can download a seat report from Settings.\n")
                .write(to: edited, atomically: true, encoding: .utf8)
            let third = try json(try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env).stdout)
            #expect(third["updated"] as? [String] == ["billing/changing-plans-and-seats.md"])
            let editedChunks = try await count(
                "SELECT chunk_count AS n FROM kb_documents WHERE source = 'billing/changing-plans-and-seats.md'", in: db)
            #expect(third["chunks_embedded"] as? Int == editedChunks)

            try FileManager.default.removeItem(at: folder.appendingPathComponent("mobile/app-crashes.md"))
            let withoutPrune = try json(try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env).stdout)
            #expect((withoutPrune["removed"] as? [String])?.isEmpty == true)
            let pruned = try json(try await FTEBinary.run(["kb", "ingest", folder.path, "--prune", "--format", "json"], environment: env).stdout)
            #expect(pruned["removed"] as? [String] == ["mobile/app-crashes.md"])
            #expect(try await count(
                "SELECT count(*)::int AS n FROM knowledge_base WHERE source = 'mobile/app-crashes.md'", in: db) == 0)
            #expect(try await isConsistent(db))

            let list = try await FTEBinary.run(["kb", "list", "--format", "json"], environment: env)
            let documents = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(documents.count == files.count - 1)
        }
    }

    @Test func killedIngestLeavesAConsistentKnowledgeBase() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url]
            let process = try FTEBinary.start(["kb", "ingest", SampleKnowledgeBase.folder.path], environment: env)
            // Kill it once some documents are stored and others are not.
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let stored = (try? await count("SELECT count(*)::int AS n FROM kb_documents", in: db)) ?? 0
                if stored >= 3 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            process.signal(SIGKILL)
            let killed = try await process.wait()
            #expect(killed.status != 0)
            let storedAtKill = try await count("SELECT count(*)::int AS n FROM kb_documents", in: db)
            #expect(storedAtKill >= 3)
            #expect(try await isConsistent(db))

            let rerun = try json(try await FTEBinary.run(["kb", "ingest", SampleKnowledgeBase.folder.path, "--format", "json"], environment: env).stdout)
            #expect((rerun["unchanged"] as? [String])?.count == storedAtKill)
            #expect(try await isConsistent(db))
            let total = try await count("SELECT count(*)::int AS n FROM kb_documents", in: db)
            #expect(total == (rerun["unchanged"] as? [String] ?? []).count + (rerun["added"] as? [String] ?? []).count)

            // Retrieval quality on the sample question set, through `fte kb eval`.
            let eval = try await FTEBinary.run(
                ["kb", "eval", SampleKnowledgeBase.questions.path, "--min-hit5", "0.9", "--format", "json"], environment: env)
            #expect(eval.status == 0, "\(eval.stdout) \(eval.stderr)")
            let metrics = try json(eval.stdout)
            #expect((metrics["hit@5"] as? Double ?? 0) >= 0.9)
            #expect((metrics["questions"] as? Int ?? 0) >= 60)

            // Search: at most k results, category filter honoured, sources kept.
            let search = try await FTEBinary.run(
                ["kb", "search", "how do refunds work", "-k", "3", "--category", "billing", "--format", "json"], environment: env)
            #expect(search.status == 0, "\(search.stderr)")
            let results = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
            #expect(results.count == 3)
            #expect(results.allSatisfy { $0["category"] as? String == "billing" })
            #expect(results.first?["source"] as? String == "billing/refund-policy.html")
            // An impossible bar fails the command.
            let strict = try await FTEBinary.run(["kb", "eval", SampleKnowledgeBase.questions.path, "--min-hit5", "1.01"], environment: env)
            #expect(strict.status == 64)
        }
    }

    @Test func anotherEmbedderIsRefusedWithHowToReindex() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url]
            let folder = try SampleKnowledgeBase.scratchCopy()
            defer { try? FileManager.default.removeItem(at: folder) }
            for sub in try FileManager.default.contentsOfDirectory(atPath: folder.path) where sub != "billing" {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(sub))
            }
            #expect(try await FTEBinary.run(["kb", "ingest", folder.path], environment: env).status == 0)
            try await db.withClient { try await $0.execute("UPDATE kb_settings SET embed_model = 'text-embedding-004', dimension = 768") }
            let refused = try await FTEBinary.run(["kb", "ingest", folder.path], environment: env)
            #expect(refused.status == 1)
            #expect(refused.stderrLines.count == 1)
            #expect(refused.stderr.contains("embedded with text-embedding-004 (768 dimensions)"))
            #expect(refused.stderr.contains("fte kb reindex"))
            let search = try await FTEBinary.run(["kb", "search", "refund"], environment: env)
            #expect(search.status == 1)
            #expect(search.stderr.contains("fte kb reindex"))
            // Reindexing is not cut short by the statement timeout (1 s here), as rebuilding a
            // large index takes minutes: it waits for a lock on the chunks for longer than that.
            let reindex = try await db.withClient(maxConnections: 2) { client in
                try await client.withTransaction { c in
                    try await c.execute("LOCK TABLE kb_chunks IN SHARE MODE")
                    let running = try FTEBinary.start(["kb", "reindex"], environment: env.merging(["FTE_DATABASE_STATEMENT_TIMEOUT": "1"]) { $1 })
                    let waiting = try await RunningWorker.waitUntil(timeout: .seconds(60)) {
                        try await !client.query("SELECT 1 FROM pg_locks WHERE relation = 'kb_chunks'::regclass AND NOT granted").isEmpty
                    }
                    #expect(waiting, "reindex waits for the lock")
                    try await Task.sleep(for: .milliseconds(1500))
                    return running
                }
            }.wait()
            #expect(reindex.status == 0, "\(reindex.stderr)")
            let after = try await FTEBinary.run(["kb", "search", "refund", "--format", "json"], environment: env)
            #expect(after.status == 0, "\(after.stderr)")
        }
    }

    @Test func badFilesAreReportedByNameAndTheRestIsIngested() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url, "PATH": "/nonexistent"]  // no pdftotext
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-kb-bad-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("# Good\n\nA perfectly good article about exports.\n".utf8).write(to: folder.appendingPathComponent("good.md"))
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(to: folder.appendingPathComponent("logo.md"))
            try Data([0x63, 0x61, 0x66, 0xE9, 0x20]).write(to: folder.appendingPathComponent("latin1.txt"))
            try Data("%PDF-1.4\n".utf8).write(to: folder.appendingPathComponent("manual.pdf"))
            try Data("ignored".utf8).write(to: folder.appendingPathComponent(".draft.md"))
            try Data("ignored".utf8).write(to: folder.appendingPathComponent("notes.docx"))

            let run = try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env)
            #expect(run.status == 1)
            let summary = try json(run.stdout)
            #expect(summary["added"] as? [String] == ["good.md"])
            let failed = summary["failed"] as? [String] ?? []
            #expect(failed.count == 2)
            #expect(failed.contains { $0.hasPrefix("logo.md: is binary") })
            #expect(failed.contains { $0.hasPrefix("latin1.txt: is not valid UTF-8") })
            #expect((summary["skipped"] as? [String])?.first?.hasPrefix("manual.pdf: skipped: PDF support needs pdftotext") == true)
            #expect(run.stderr.contains("failed  logo.md"))

            let missing = try await FTEBinary.run(["kb", "ingest", folder.appendingPathComponent("nope").path], environment: env)
            #expect(missing.status == 64, "a path that does not exist is bad usage")
            #expect(missing.stderr.contains("no such file or folder"))
            #expect(missing.stderrLines.count == 1)
            let nonexistent = try await FTEBinary.run(["kb", "ingest", "/nonexistent"], environment: env)
            #expect(nonexistent.status == 64)
            #expect(nonexistent.stderr == "error: /nonexistent: no such file or folder\n")
        }
    }

    @Test func pruneKeepsTheDocumentsOfAFolderItCouldNotRead() async throws {
        try await withTestDatabase { db in
            let folder = try SampleKnowledgeBase.scratchCopy()
            defer { try? FileManager.default.removeItem(at: folder) }
            let env = ["FTE_DATABASE_URL": db.url]
            #expect(try await FTEBinary.run(["kb", "ingest", folder.path], environment: env).status == 0)
            let mobile = try await count("SELECT count(*)::int AS n FROM kb_documents WHERE source LIKE 'mobile/%'", in: db)
            #expect(mobile > 0)

            // The folder is now a link to a share that is not mounted; one article was really deleted.
            try FileManager.default.removeItem(at: folder.appendingPathComponent("mobile"))
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent("mobile").path, withDestinationPath: "/nonexistent/kb-share/mobile")
            try FileManager.default.removeItem(at: folder.appendingPathComponent("billing/changing-plans-and-seats.md"))
            let run = try await FTEBinary.run(["kb", "ingest", folder.path, "--prune", "--format", "json"], environment: env)
            #expect(run.status == 1, "a folder that cannot be read is a failure")
            let summary = try json(run.stdout)
            #expect(summary["removed"] as? [String] == ["billing/changing-plans-and-seats.md"])
            #expect((summary["failed"] as? [String])?.contains { $0.hasPrefix("mobile: cannot be read") } == true, "\(run.stdout)")
            #expect(try await count("SELECT count(*)::int AS n FROM kb_documents WHERE source LIKE 'mobile/%'", in: db) == mobile)
        }
    }

    @Test func filesOverTheSizeLimitAreRefusedOneLineEachWithProgressOnTheWay() async throws {
        try await withTestDatabase { db in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-kb-big-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("# Exports\n\nBoards export to CSV from the board menu.\n".utf8).write(to: folder.appendingPathComponent("exports.md"))
            try Data(String(repeating: "log line 42: nothing to see\n", count: 200).utf8).write(to: folder.appendingPathComponent("server.log.txt"))
            let env = ["FTE_DATABASE_URL": db.url, "FTE_KB_MAX_FILE_BYTES": "2048"]
            let run = try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: env)
            #expect(run.status == 1)
            let summary = try json(run.stdout)
            #expect(summary["added"] as? [String] == ["exports.md"])
            #expect(summary["failed"] as? [String] == [
                "server.log.txt: is 5.5 KB, larger than the 2.0 KB limit (FTE_KB_MAX_FILE_BYTES, --max-file-bytes); split it or raise the limit",
            ])
            #expect(run.stderrLines.filter { $0.contains("server.log.txt") && $0.hasPrefix("failed") }.count == 1, "\(run.stderr)")
            #expect(run.stderrLines.contains { $0.hasPrefix("reading 1/2 files") }, "progress even without a terminal: \(run.stderr)")
            // The flag wins over the environment.
            let flagged = try await FTEBinary.run(["kb", "ingest", folder.path, "--max-file-bytes", "10000", "--format", "json"], environment: env)
            #expect(flagged.status == 0, "\(flagged.stderr)")
            #expect(try json(flagged.stdout)["added"] as? [String] == ["server.log.txt"])
            let bad = try await FTEBinary.run(["kb", "ingest", folder.path, "--max-file-bytes", "0"], environment: env)
            #expect(bad.status == 64 && bad.stderrLines.count == 1, "\(bad.stderr)")
        }
    }

    @Test func pdfsAreIngestedWhenPdftotextIsInstalled() async throws {
        guard let pdftotext = DocumentLoader.findExecutable("pdftotext") else {
            Issue.record("pdftotext is not installed: scripts/setup.sh installs poppler-utils")
            return
        }
        _ = pdftotext
        try await withTestDatabase { db in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-kb-pdf-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try MinimalPDF.make(text: "Nimbus Boards keeps audit logs for one year.").write(to: folder.appendingPathComponent("audit.pdf"))
            let run = try await FTEBinary.run(["kb", "ingest", folder.path, "--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try json(run.stdout)["added"] as? [String] == ["audit.pdf"])
            #expect(try await count("SELECT count(*)::int AS n FROM knowledge_base WHERE content LIKE '%audit logs for one year%'", in: db) == 1)
        }
    }

    @Test func badUsageIsOneLine() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url]
            for (args, message) in [
                (["kb", "search", "refunds"], "the knowledge base is empty"),
                (["kb", "search", " "], "the search query is empty"),
                (["kb", "search", "x", "-k", "0"], "-k must be between 1 and 50"),
                (["kb", "eval", "/nonexistent.jsonl"], "cannot read /nonexistent.jsonl"),
                (["kb", "ingest"], "Missing expected argument '<path> ...'"),
                (["kb", "search", "x", "--model-dir", "/nonexistent"], "/nonexistent"),
            ] {
                let run = try await FTEBinary.run(args, environment: env)
                #expect(run.status != 0, "\(args)")
                #expect(run.stderrLines.count == 1, "\(args): \(run.stderr)")
                #expect(run.stderr.contains(message), "\(args): \(run.stderr)")
            }
        }
    }
}

/// A one-page PDF with one line of text, with a correct cross-reference table.
enum MinimalPDF {
    static func make(text: String) -> Data {
        let stream = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
