/// A document parsed into its structure: sections under a heading path, each a list of blocks.
public struct KnowledgeDocument: Sendable, Equatable {
    /// The file format it came from.
    public enum Format: String, Sendable, Codable {
        case markdown, text, html, pdf
        case resolvedTicket = "resolved_ticket"
    }

    /// A run of text under one heading path.
    public struct Section: Sendable, Equatable {
        /// Headings from the document title down, e.g. `["Billing", "Refunds"]`.
        public var headingPath: [String]
        public var blocks: [Block]
    }

    /// A paragraph, list item or code block: the unit the chunker keeps whole when it can.
    public struct Block: Sendable, Equatable {
        public var text: String
        /// Code is split only at line breaks, never inside a line.
        public var isCode: Bool

        public init(_ text: String, isCode: Bool = false) {
            self.text = text
            self.isCode = isCode
        }
    }

    public var title: String
    public var format: Format
    public var sections: [Section]

    /// Adds a block to the last section, or starts one with `headingPath`.
    mutating func append(_ block: Block, under headingPath: [String]) {
        let trimmed = block.isCode ? block.text : block.text.trimmingWhitespace()
        guard !trimmed.trimmingWhitespace().isEmpty else { return }
        if sections.last?.headingPath != headingPath {
            sections.append(Section(headingPath: headingPath, blocks: []))
        }
        sections[sections.count - 1].blocks.append(Block(trimmed, isCode: block.isCode))
    }
}
