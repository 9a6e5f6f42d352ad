import ArgumentParser

/// `fte kb`: the knowledge base.
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Load, search and evaluate the knowledge base, and learn from resolved tickets.",
        subcommands: [Ingest.self, Search.self, Eval.self, List.self, Reindex.self, Embed.self, Candidates.self]
    )
}
