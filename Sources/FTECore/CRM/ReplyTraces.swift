/// One knowledge-base passage a reply rests on, as stored with the reply
/// (`messages.sources`, JSON `{source, heading_path, chunk_id}`).
public struct SourceTrace: Sendable, Codable, Equatable {
    /// The document, e.g. `billing/refunds.md`.
    public var source: String
    /// The headings above the passage.
    public var headingPath: String
    public var chunkID: Int64

    public init(source: String, headingPath: String, chunkID: Int64) {
        self.source = source
        self.headingPath = headingPath
        self.chunkID = chunkID
    }

    enum CodingKeys: String, CodingKey {
        case source, headingPath = "heading_path", chunkID = "chunk_id"
    }
}

/// One tool the agent called, as stored with the reply.
public struct ToolCallTrace: Sendable, Codable, Equatable {
    public var name: String
    /// The arguments as JSON text.
    public var arguments: String
    /// What the tool answered, shortened.
    public var result: String

    public init(name: String, arguments: String, result: String) {
        self.name = name
        self.arguments = arguments
        self.result = String(result.prefix(500))
    }
}
