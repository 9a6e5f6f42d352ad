import FTECore
import Foundation

/// The read-only tools: the agent's knowledge-base search and customer history, and the
/// ticket list and trace of `fte ticket list` / `show`.
extension SupportDesk {
    /// A passage `search_knowledge_base` returns.
    struct Passage: Encodable, Sendable {
        var rank: Int
        var source: String
        /// The whole document, as a resource.
        var uri: String
        var title: String
        var category: String
        var headingPath: String
        var similarity: Double
        var content: String

        enum CodingKeys: String, CodingKey {
            case rank, source, uri, title, category, similarity, content, headingPath = "heading_path"
        }
    }

    struct SearchResult: Encodable, Sendable {
        var query: String
        var passages: [Passage]
        /// Why nothing was found, when nothing was.
        var note: String?
    }

    func searchKnowledgeBase(_ arguments: ToolArguments) async throws -> SearchResult {
        let query = try arguments.text("query", maxLength: Self.maxQueryCharacters)
        let category = try arguments.optionalText("category", maxLength: 200)
        let k = try arguments.integer("k", in: 1...Self.maxPassages, default: 5)
        let results = try await search.loaded().search(query, k: k, category: category)
        let passages = results.map {
            Passage(
                rank: $0.rank, source: $0.source, uri: ResourceURI.document($0.source).text, title: $0.title,
                category: $0.category, headingPath: $0.headingPath, similarity: ($0.similarity * 1000).rounded() / 1000,
                content: $0.content)
        }
        var note: String?
        if passages.isEmpty, let category {
            let categories = Set(try await knowledge.documents().map(\.category)).sorted()
            note = "no document has the category \(category); the categories are: \(categories.joined(separator: ", "))"
        }
        return SearchResult(query: query, passages: passages, note: note)
    }

    func customerHistory(_ arguments: ToolArguments) async throws -> CustomerDirectory.CustomerActivity {
        let limit = try arguments.integer("limit", in: 1...CustomerDirectory.maxActivityMessages, default: 20)
        let given = try [
            arguments.optionalText("email", maxLength: 254).map { ("email", $0) },
            arguments.optionalText("phone", maxLength: 32).map { ("phone", $0) },
            arguments.optionalText("customer_id", maxLength: 100).map { ("customer_id", $0) },
        ].compactMap { $0 }
        guard given.count == 1, let (field, text) = given.first else {
            throw ToolFailure("give exactly one of `email`, `phone` or `customer_id` (got \(given.isEmpty ? "none" : given.map { "`\($0.0)`" }.joined(separator: " and ")))")
        }
        let lookup: CustomerLookup
        switch field {
        case "email":
            guard let email = ContactAddress.normalizedEmail(text) else {
                throw ToolFailure.invalid(field, "must be an e-mail address such as jane@example.com (got \(ToolArguments.quoted(text)))")
            }
            lookup = .address(.email(email))
        case "phone":
            guard let phone = ContactAddress.normalizedPhone(text) else {
                throw ToolFailure.invalid(field, "must be a phone number in international form such as +14155550100 (got \(ToolArguments.quoted(text)))")
            }
            lookup = .address(.phone(phone))
        default:
            guard let id = UUID(uuidString: text) else {
                throw ToolFailure.invalid(field, "must be a customer id, a UUID (got \(ToolArguments.quoted(text)))")
            }
            lookup = .id(id)
        }
        guard let activity = try await directory.activity(of: lookup, messages: limit) else {
            throw ToolFailure("no customer is known by that \(field == "customer_id" ? "id" : field == "email" ? "e-mail address" : "phone number"): \(text)")
        }
        return activity
    }

    struct TicketList: Encodable, Sendable {
        var count: Int
        var tickets: [TicketSummary]
    }

    func listTickets(_ arguments: ToolArguments) async throws -> TicketList {
        var filter = TicketFilter(limit: try arguments.integer("limit", in: 1...Self.maxListedTickets, default: 20))
        filter.status = try arguments.choice("status", TicketStatus.self)
        filter.channel = try arguments.choice("channel", Channel.self)
        if let customer = try arguments.optionalText("customer", maxLength: 254) {
            switch CustomerLookup(customer) {
            case .address(let address): filter.customer = address
            case .id(let id): filter.customerID = id
            case nil:
                throw ToolFailure.invalid(
                    "customer",
                    "must be an e-mail address, a phone number in international form such as +14155550100, or a customer id (got \(ToolArguments.quoted(customer)))")
            }
        }
        if let since = try arguments.optionalText("since", maxLength: 40) {
            guard let date = TicketFilter.parseSince(since) else {
                throw ToolFailure.invalid("since", "must be a date (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age (90m, 24h, 7d) (got \(ToolArguments.quoted(since)))")
            }
            filter.since = date
        }
        let tickets = try await self.tickets.list(filter)
        return TicketList(count: tickets.count, tickets: tickets)
    }

    func showTicket(_ arguments: ToolArguments) async throws -> TicketDetail {
        try await tickets.detail(try arguments.ticketID())
    }
}
