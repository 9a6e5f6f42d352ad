/// The part of the knowledge base one `search_knowledge_base` call searches: the category the
/// model asked for when it exists (matched case-insensitively), else everything — with a note
/// for the model, so a guessed or misspelt category never silences the search.
struct SearchScope: Equatable {
    /// The category to search in; `nil` for all documentation.
    var category: String?
    /// What the tool result says first about the scope ("" when the category was used as given).
    var note: String

    /// Values models send when they mean no category.
    static let everything: Set<String> = ["", "all", "any", "everything", "*", "none", "null", "general docs"]

    /// The scope for the model's `category` argument.
    static func resolve(_ argument: JSONValue?, in search: KnowledgeSearch) async throws -> SearchScope {
        guard let argument, argument != .null else { return SearchScope(category: nil, note: "") }
        guard let requested = argument.stringValue?.trimmingWhitespace() else {
            return SearchScope(category: nil, note: "The category must be a string; all documentation was searched.\n\n")
        }
        if everything.contains(requested.lowercased()) { return SearchScope(category: nil, note: "") }
        let known = try await search.categories()
        if let match = known.first(where: { $0.lowercased() == requested.lowercased() }) {
            return SearchScope(category: match, note: "")
        }
        let list = known.isEmpty ? "none" : known.joined(separator: ", ")
        return SearchScope(
            category: nil,
            note: "There is no category “\(requested.prefix(60))” (categories: \(list)), so all documentation was searched.\n\n")
    }
}
