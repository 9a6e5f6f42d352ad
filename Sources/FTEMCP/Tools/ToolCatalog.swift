import FTECore
import MCP

/// The desk's tools. Descriptions are written for the client's model: what the tool is for,
/// what it returns, and the rules that come with it.
extension SupportDesk {
    /// Most passages one search returns.
    static let maxPassages = 10
    /// Most tickets one `list_tickets` call returns.
    static let maxListedTickets = 200
    /// Longest search query, escalation reason or resolution note, in characters.
    static let maxQueryCharacters = 1_000
    static let maxNoteCharacters = 2_000

    static let tools: [DeskTool] = [
        DeskTool(
            "search_knowledge_base", title: "Search the knowledge base",
            description: """
                Search the product knowledge base (help articles, policies) with the hybrid semantic and \
                full-text search fte's own AI agent uses. Returns up to k passages, best first, each with its \
                document (`source`; the whole document is the resource `uri`), title, category, heading path, \
                `similarity` (0 to 1; below about 0.35 a passage is probably not about the question) and text. \
                Answer customers only from what this returns; if nothing relevant comes back, say so or escalate.
                """,
            arguments: JSONSchema.object(
                [
                    "query": JSONSchema.string(
                        "What to look for, in plain words; the customer's question works well.", maxLength: maxQueryCharacters),
                    "category": JSONSchema.string(
                        "Only documents of this category (their top folder, such as billing or account). Omit to search everything."),
                    "k": JSONSchema.integer("How many passages to return.", in: 1...maxPassages, default: 5),
                ], required: ["query"]),
            run: { desk, arguments, _ in try await desk.searchKnowledgeBase(arguments) }),
        DeskTool(
            "get_customer_history", title: "Get a customer's history",
            description: """
                A customer with every address they are known by (e-mail, phone, WhatsApp; `verified` when a \
                channel proved it), their conversations and tickets, and their latest messages on every channel, \
                oldest first, with who wrote each reply. Give exactly one of `email`, `phone` or `customer_id`.
                """,
            arguments: JSONSchema.object([
                "email": JSONSchema.string("The customer's e-mail address.", maxLength: 254),
                "phone": JSONSchema.string("The customer's phone or WhatsApp number in international form, such as +14155550100.", maxLength: 32),
                "customer_id": JSONSchema.string("The customer's id (a UUID, as tickets and earlier results show it)."),
                "limit": JSONSchema.integer(
                    "How many of the latest messages to return.", in: 1...CustomerDirectory.maxActivityMessages, default: 20),
            ]),
            run: { desk, arguments, _ in try await desk.customerHistory(arguments) }),
        DeskTool(
            "list_tickets", title: "List tickets",
            description: """
                Support tickets, newest first, with status, channel, priority, category, subject and customer: \
                the filters of `fte ticket list`. Use show_ticket for a ticket's conversation.
                """,
            arguments: JSONSchema.object([
                "status": JSONSchema.string("Only tickets with this status.", oneOf: TicketStatus.allCases.map(\.rawValue)),
                "channel": JSONSchema.string("Only tickets that came in through this channel.", oneOf: Channel.allCases.map(\.rawValue)),
                "customer": JSONSchema.string(
                    "Only tickets of this customer: an e-mail address, a phone number in international form, or a customer id.",
                    maxLength: 254),
                "since": JSONSchema.string(
                    "Only tickets created since then: a date (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age (90m, 24h, 7d).",
                    maxLength: 40),
                "limit": JSONSchema.integer("Most tickets to return.", in: 1...maxListedTickets, default: 20),
            ]),
            run: { desk, arguments, _ in try await desk.listTickets(arguments) }),
        DeskTool(
            "show_ticket", title: "Show a ticket",
            description: """
                Everything `fte ticket show` shows about one ticket: status, subject, priority, resolution; the \
                customer and their addresses; the whole conversation across channels, oldest first, where each \
                reply carries its trace (written by the AI model, the built-in responder or a person; tokens, \
                latency, tools called, knowledge-base sources, delivery status); escalations; and the audit trail.
                """,
            arguments: JSONSchema.object(["ticket_id": ticketIDArgument], required: ["ticket_id"]),
            run: { desk, arguments, _ in try await desk.showTicket(arguments) }),
        DeskTool(
            "reply_to_ticket", title: "Reply to a ticket's customer", writes: true,
            description: """
                Answer the customer of a ticket as a person, through the channel of their latest message (e-mail \
                in their thread, WhatsApp split at sentences, or the web form's address), exactly as \
                `fte ticket reply` does: the reply is queued and sent once by the running worker's outbox, the \
                ticket moves to processing (or resolved with `resolve`), and you are recorded as its author. \
                Write the message as the customer will read it. It must pass the AI agent's rules: no prices or \
                discounts, no competitor names, and no claim of an action nobody took (a refund, a follow-up, \
                an escalation that does not exist); a reply that breaks them is refused with the reasons.
                """,
            arguments: JSONSchema.object(
                [
                    "ticket_id": ticketIDArgument,
                    "message": JSONSchema.string("The reply, as the customer will read it.", maxLength: TicketStore.maxReplyCharacters),
                    "resolve": JSONSchema.boolean("Also resolve the ticket (noted as answered by you).", default: false),
                ], required: ["ticket_id", "message"]),
            run: { desk, arguments, session in try await desk.replyToTicket(arguments, session: session) }),
        DeskTool(
            "escalate_ticket", title: "Escalate a ticket", writes: true,
            description: """
                Hand a ticket to the human support team, recording the reason, you and the time (as \
                `fte ticket escalate` does). Refused when the ticket is already escalated or resolved.
                """,
            arguments: JSONSchema.object(
                [
                    "ticket_id": ticketIDArgument,
                    "reason": JSONSchema.string("Why the ticket needs a person, for the colleague who picks it up.", maxLength: maxNoteCharacters),
                ], required: ["ticket_id", "reason"]),
            run: { desk, arguments, session in try await desk.escalateTicket(arguments, session: session) }),
        DeskTool(
            "resolve_ticket", title: "Resolve a ticket", writes: true,
            description: """
                Close a ticket with a resolution note, recording you and the time (as `fte ticket resolve` does); \
                its escalations are resolved with it. Nothing is sent to the customer: use reply_to_ticket with \
                `resolve` to answer and close at once. Refused when the ticket is already resolved.
                """,
            arguments: JSONSchema.object(
                [
                    "ticket_id": ticketIDArgument,
                    "note": JSONSchema.string("How the ticket was resolved.", maxLength: maxNoteCharacters),
                ], required: ["ticket_id", "note"]),
            run: { desk, arguments, session in try await desk.resolveTicket(arguments, session: session) }),
    ]

    private static let ticketIDArgument = JSONSchema.string(
        "The ticket's id, a UUID as list_tickets returns it (e.g. 3f2b5c1e-8d4a-4c1e-9f00-2a6b7c8d9e0f).")
}
