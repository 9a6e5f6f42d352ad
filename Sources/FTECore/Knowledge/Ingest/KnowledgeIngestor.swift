import Foundation

/// What happened to each file in an ingest, and how long the work took.
public struct IngestSummary: Sendable, Encodable {
    public var added: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []
    /// Files that could not be read or parsed, with the reason.
    public var failed: [String] = []
    /// Files skipped by design (e.g. PDFs without pdftotext), with the reason.
    public var skipped: [String] = []
    public var chunksEmbedded = 0
    public var seconds = 0.0
    /// Time spent embedding and storing: storage should stay a small share.
    public var embedSeconds = 0.0
    public var storeSeconds = 0.0

    enum CodingKeys: String, CodingKey {
        case added, updated, unchanged, removed, failed, skipped, seconds
        case chunksEmbedded = "chunks_embedded", embedSeconds = "embed_seconds", storeSeconds = "store_seconds"
    }
}

/// Progress of a running ingest, for a progress bar.
public struct IngestProgress: Sendable {
    /// What the ingest is doing.
    public enum Phase: Sendable {
        /// Reading, parsing and chunking the files (``IngestProgress/current`` names the file).
        case reading
        /// Embedding and storing the chunks of the changed files.
        case embedding
    }

    public var phase: Phase
    public var filesDone: Int
    public var filesTotal: Int
    public var chunksDone: Int
    public var chunksTotal: Int
    public var elapsed: Double
    /// While reading: the file being read.
    public var current: String?
}

/// Something worth telling the user while ingesting.
public enum IngestEvent: Sendable {
    case progress(IngestProgress)
    case stored(source: String, chunks: Int, isNew: Bool)
    case failed(DocumentLoadError)
    case removed(String)
}

/// `fte kb ingest`: finds documents, skips unchanged ones by content hash, chunks and embeds
/// the rest in batches across documents, and replaces each document in its own transaction.
public struct KnowledgeIngestor: Sendable {
    private let store: KnowledgeStore
    private let embedder: any Embedder
    private let chunker: Chunker
    private let loader: DocumentLoader
    /// Chunks per embedding call.
    public var batchSize = 64

    public init(database: Database, embedder: any Embedder, chunker: Chunker, loader: DocumentLoader = DocumentLoader()) {
        store = KnowledgeStore(database: database)
        self.embedder = embedder
        self.chunker = chunker
        self.loader = loader
    }

    private struct Pending {
        var file: SourceFile
        var document: KnowledgeDocument
        var chunks: [Chunk]
        var embeddings: [[Float]] = []
        var isNew: Bool
    }

    /// Ingests `paths`; with `prune`, documents whose files are confirmed gone from them are
    /// removed (see ``DocumentLoader/isConfirmedGone(_:under:)``).
    /// - Parameter only: ingest just the documents with these sources (paths relative to the
    ///   folder given, as `fte kb ingest` of the whole folder names them); `prune` is then ignored.
    /// - Throws: ``KnowledgeError`` when a path does not exist or the embedder differs from the
    ///   recorded one (nothing is changed then); ``DatabaseError``; embedding errors.
    public func ingest(
        _ paths: [String], prune: Bool = false, only: Set<String>? = nil, events: @Sendable (IngestEvent) -> Void = { _ in }
    ) async throws -> IngestSummary {
        let started = ContinuousClock.now
        var summary = IngestSummary()
        var (found, discoveryFailures) = loader.discover(paths)
        let prune = prune && only == nil
        if let only { found = found.filter { only.contains($0.source) } }
        if let missing = discoveryFailures.first(where: { failure in paths.contains(failure.source) }) {
            throw KnowledgeError(code: .invalidInput, message: "\(missing.source): \(missing.reason)")
        }
        try await store.adopt(EmbedderIdentity(embedder))
        for failure in discoveryFailures { summary.failed.append(failure.description); events(.failed(failure)) }

        let stored = try await store.storedHashes()
        var pending: [Pending] = []
        for (index, (source, url)) in found.enumerated() {
            events(.progress(IngestProgress(
                phase: .reading, filesDone: index, filesTotal: found.count, chunksDone: 0, chunksTotal: 0,
                elapsed: Self.seconds(since: started), current: source)))
            do {
                let file = try loader.read(source: source, url: url)
                if let previous = stored[source], previous.hash == file.contentHash, previous.model == embedder.modelName {
                    summary.unchanged.append(source)
                    continue
                }
                let document = try loader.parse(file)
                pending.append(Pending(file: file, document: document, chunks: chunker.chunks(of: document), isNew: stored[source] == nil))
            } catch {
                if error.isSkipped { summary.skipped.append(error.description) } else { summary.failed.append(error.description) }
                events(.failed(error))
            }
        }

        let chunksTotal = pending.reduce(0) { $0 + $1.chunks.count }
        var chunksDone = 0
        var filesDone = found.count - pending.count
        func report() {
            events(.progress(IngestProgress(
                phase: .embedding, filesDone: filesDone, filesTotal: found.count, chunksDone: chunksDone,
                chunksTotal: chunksTotal, elapsed: Self.seconds(since: started))))
        }
        report()
        // Embed across document boundaries in batches; store each document once complete.
        var next = 0  // first document not yet stored
        var cursor = (document: 0, chunk: 0)
        while next < pending.count {
            var batch: [(document: Int, chunk: Int)] = []
            while batch.count < batchSize, cursor.document < pending.count {
                if cursor.chunk < pending[cursor.document].chunks.count {
                    batch.append(cursor)
                    cursor.chunk += 1
                } else {
                    cursor = (cursor.document + 1, 0)
                }
            }
            if !batch.isEmpty {
                let embedStart = ContinuousClock.now
                let vectors = try await embedder.embed(batch.map { pending[$0.document].chunks[$0.chunk].embeddingText })
                guard vectors.count == batch.count else {
                    throw KnowledgeError(code: .invalidInput, message: "the embedder returned \(vectors.count) vectors for \(batch.count) texts")
                }
                summary.embedSeconds += Self.seconds(since: embedStart)
                for (position, vector) in zip(batch, vectors) { pending[position.document].embeddings.append(vector) }
                chunksDone += batch.count
            }
            while next < pending.count, pending[next].embeddings.count == pending[next].chunks.count {
                let item = pending[next]
                let storeStart = ContinuousClock.now
                try await store.replace(item.file, document: item.document, chunks: item.chunks,
                                        embeddings: item.embeddings, model: embedder.modelName)
                summary.storeSeconds += Self.seconds(since: storeStart)
                if item.isNew { summary.added.append(item.file.source) } else { summary.updated.append(item.file.source) }
                events(.stored(source: item.file.source, chunks: item.chunks.count, isNew: item.isNew))
                pending[next].embeddings = []  // release memory
                pending[next].chunks = []
                next += 1
                filesDone += 1
            }
            report()
        }
        summary.chunksEmbedded = chunksTotal

        if prune {
            // Only documents whose files are confirmed gone: a folder that could not be read
            // this time keeps its documents.
            let present = Set(found.map(\.source))
            let gone = stored.keys.filter { !present.contains($0) && loader.isConfirmedGone($0, under: paths) }
            summary.removed = try await store.removeDocuments(Set(gone))
            for source in summary.removed { events(.removed(source)) }
        }
        if !(summary.added.isEmpty && summary.updated.isEmpty && summary.removed.isEmpty) {
            try await store.refreshTermStatistics()
        }
        summary.seconds = Self.seconds(since: started)
        return summary
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = start.duration(to: .now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
