import FTECore
import Foundation
import MCP

/// Prompts: "draft a reply to ticket X" and "summarise this customer", each carrying the
/// ticket or the customer's history along with the desk's rules.
extension SupportDesk {
    static let draftReply = "draft_reply"
    static let summariseCustomer = "summarise_customer"

    static let prompts = [
        Prompt(
            name: draftReply, title: "Draft a reply to a ticket",
            description: "Reads the ticket and its conversation across channels and asks for a reply that follows the support rules.",
            arguments: [.init(name: "ticket_id", title: "Ticket id", description: "The ticket to answer (a UUID).", required: true)]),
        Prompt(
            name: summariseCustomer, title: "Summarise a customer",
            description: "Reads a customer's addresses, conversations, tickets and latest messages and asks for a short summary for a colleague.",
            arguments: [.init(
                name: "customer", title: "Customer",
                description: "An e-mail address, a phone number in international form, or a customer id.", required: true)]),
    ]

    func registerPrompts(on server: Server) async {
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: Self.prompts) }
        await server.withMethodHandler(GetPrompt.self) { [self] request in
            switch request.name {
            case Self.draftReply: return try await draftReplyPrompt(request.arguments ?? [:])
            case Self.summariseCustomer: return try await summariseCustomerPrompt(request.arguments ?? [:])
            default:
                throw MCPError.invalidParams(
                    "unknown prompt \(ToolArguments.quoted(request.name)); the prompts are \(Self.prompts.map(\.name).joined(separator: ", "))")
            }
        }
    }

    func draftReplyPrompt(_ arguments: [String: String]) async throws -> GetPrompt.Result {
        let text = try Self.promptArgument("ticket_id", in: arguments)
        guard let id = UUID(uuidString: text) else {
            throw MCPError.invalidParams("invalid argument `ticket_id`: must be a ticket id, a UUID (got \(ToolArguments.quoted(text)))")
        }
        let detail: TicketDetail
        do {
            detail = try await tickets.detail(id)
        } catch let error as TicketError where error.code == .notFound {
            throw MCPError.invalidParams("invalid argument `ticket_id`: \(error.message)")
        }
        let uri = ResourceURI.ticket(id).text
        let json = String(decoding: try JSONEncoder.records(prettyPrinted: true).encode(detail), as: UTF8.self)
        let sending = options.allowWrites
            ? "Show me the draft first; send it with reply_to_ticket only once I approve it."
            : "This server cannot send replies: give me the text to send."
        let instructions = """
            Draft a reply to the customer of ticket \(id.lowercasedString) (above: the ticket with its whole \
            conversation, oldest first, and how each earlier reply was written).
            - Answer the customer's latest message, for the channel they used: e-mail formal with a greeting and \
            sign-off; WhatsApp short and conversational; web form semi-formal.
            - Search the knowledge base with search_knowledge_base first and state only what it supports. If it \
            has nothing relevant, say that a colleague will follow up, and suggest escalate_ticket rather than guessing.
            - Never quote prices or discounts, never name competitors, never promise features the knowledge base \
            does not describe, and never claim a refund, follow-up or escalation that nobody has done.
            - \(sending)
            """
        return GetPrompt.Result(
            description: "Draft a reply to ticket \(id.lowercasedString): \(detail.ticket.subject ?? "no subject")",
            messages: [
                .user(.resource(resource: .text(json, uri: uri, mimeType: "application/json"))),
                .user(.text(text: instructions)),
            ])
    }

    func summariseCustomerPrompt(_ arguments: [String: String]) async throws -> GetPrompt.Result {
        let text = try Self.promptArgument("customer", in: arguments)
        guard let lookup = CustomerLookup(text) else {
            throw MCPError.invalidParams(
                "invalid argument `customer`: must be an e-mail address, a phone number in international form such as +14155550100, or a customer id (got \(ToolArguments.quoted(text)))")
        }
        guard let activity = try await directory.activity(of: lookup, messages: CustomerDirectory.maxActivityMessages) else {
            throw MCPError.invalidParams("invalid argument `customer`: no customer is known by \(text)")
        }
        let json = String(decoding: try JSONEncoder.records(prettyPrinted: true).encode(activity), as: UTF8.self)
        let instructions = """
            Summarise this customer for a support colleague in a few lines, from the history above only: who they \
            are and how they reach us (channels, which addresses are verified); what they asked about and when; \
            which tickets are open or escalated, and why; how their mood has changed (each conversation's \
            sentiment runs from 0, negative, to 1, positive); and anything promised to them that is still \
            outstanding. Name tickets by id. Do not add anything the history does not show.
            """
        return GetPrompt.Result(
            description: "Summarise customer \(activity.customer.name ?? activity.customer.id.lowercasedString)",
            messages: [
                .user(.text(text: "Customer history (JSON):\n\(json)")),
                .user(.text(text: instructions)),
            ])
    }

    private static func promptArgument(_ name: String, in arguments: [String: String]) throws -> String {
        guard let value = arguments[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw MCPError.invalidParams("missing required argument `\(name)`")
        }
        return value
    }
}
