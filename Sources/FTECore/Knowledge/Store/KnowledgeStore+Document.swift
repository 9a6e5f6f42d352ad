import Foundation

/// A stored document read back whole: its record and its text, section by section, as the
/// chunks hold it (the sentences consecutive chunks repeat are shown once).
public struct KnowledgeDocumentText: Sendable, Encodable {
    /// A run of the document under one heading path.
    public struct Section: Sendable, Encodable, Equatable {
        /// `Title > Section > Subsection`; empty before the first heading.
        public var headingPath: String
        public var text: String

        enum CodingKeys: String, CodingKey {
            case text, headingPath = "heading_path"
        }
    }

    public var document: KnowledgeDocumentRecord
    public var sections: [Section]

    /// The document as Markdown: its title, then each section under its heading path (the
    /// title's own section without a second heading).
    public var markdown: String {
        var parts = ["# \(document.title)"]
        for section in sections {
            if !section.headingPath.isEmpty, section.headingPath != document.title { parts.append("## \(section.headingPath)") }
            parts.append(section.text)
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Groups chunks (in order) into sections, dropping what a chunk repeats from the previous
    /// chunk of its section: the ``Chunker`` starts such a chunk with a block made of the last
    /// sentences of the previous chunk's last block (its overlap).
    /// - Parameter chunks: `(heading path, content)` in ordinal order.
    static func sections(of chunks: [(headingPath: String, content: String)]) -> [Section] {
        var sections: [Section] = []
        var previousLastBlock: Substring?
        for chunk in chunks {
            var blocks = chunk.content.split(separator: "\n\n", omittingEmptySubsequences: true)
            let lastBlock = blocks.last
            if let last = sections.last, last.headingPath == chunk.headingPath {
                if blocks.count > 1, let first = blocks.first, previousLastBlock?.hasSuffix(first) == true {
                    blocks.removeFirst()
                }
                sections[sections.count - 1].text += "\n\n" + blocks.joined(separator: "\n\n")
            } else {
                sections.append(Section(headingPath: chunk.headingPath, text: blocks.joined(separator: "\n\n")))
            }
            previousLastBlock = lastBlock
        }
        return sections
    }
}

extension KnowledgeStore {
    /// The document stored under `source` with its text; `nil` when there is none.
    public func document(_ source: String) async throws -> KnowledgeDocumentText? {
        try await database.withConnection { connection in
            guard let record = try await connection.query(
                KnowledgeDocumentRecord.self, Self.documentColumns.appending("WHERE source = \(source)")).first
            else { return nil }
            let chunks = try await connection.query(
                """
                SELECT c.heading_path, c.content FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id
                WHERE d.source = \(source) ORDER BY c.ordinal
                """
            ).map { (headingPath: try $0.decode("heading_path", as: String.self), content: try $0.decode("content", as: String.self)) }
            return KnowledgeDocumentText(document: record, sections: KnowledgeDocumentText.sections(of: chunks))
        }
    }

    /// The columns of ``KnowledgeDocumentRecord``, read from `kb_documents`.
    static let documentColumns: SQLQuery =
        "SELECT source, title, category, format, chunk_count AS chunks, ingested_at, updated_at FROM kb_documents "
}
