import FTECore
import FTETestSupport
import Foundation

/// A seeded desk for the MCP tests: the CRM fixtures (two customers, tickets in every state) and
/// three knowledge-base documents from the samples, under their category folders.
enum MCPDeskFixture {
    static let documents = ["billing/refund-policy.html", "account/resetting-your-password.txt", "account/exporting-your-data.md"]

    /// Seeds `db` and returns the environment `fte mcp` needs for it.
    static func seed(_ db: TestDatabase, knowledgeBase: Bool = true) async throws -> [String: String] {
        try await db.withClient { client in
            try await CRMFixtures.insert(into: client)
            guard knowledgeBase else { return }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fte-mcp-kb-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            for document in documents {
                let target = folder.appendingPathComponent(document)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: SampleKnowledgeBase.folder.appendingPathComponent(document), to: target)
            }
            let embedder = try MemoizedTestEmbedder()
            _ = try await KnowledgeIngestor(database: client, embedder: embedder, chunker: embedder.makeChunker())
                .ingest([folder.path])
        }
        return ["FTE_DATABASE_URL": db.url]
    }
}
