import FTECore
import Foundation
import MCP

/// Resources: every knowledge-base document (`kb://<source>`, Markdown) and tickets
/// (`ticket://<id>`, the JSON of `show_ticket`); `resources/list` pages through the documents
/// and then the 50 newest tickets.
extension SupportDesk {
    /// Resources per `resources/list` page.
    static let resourcePageSize = 100
    /// How many of the newest tickets `resources/list` names (any ticket can be read by id).
    static let listedTickets = 50

    func registerResources(on server: Server) async {
        await server.withMethodHandler(ListResources.self) { [self] request in
            try await listResources(cursor: request.cursor)
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: Self.resourceTemplates)
        }
        await server.withMethodHandler(ReadResource.self) { [self] request in
            try await readResource(request.uri)
        }
    }

    static let resourceTemplates = [
        Resource.Template(
            uriTemplate: "kb://{+source}", name: "knowledge-base-document", title: "Knowledge-base document",
            description: "A document of the knowledge base by its path (as search_knowledge_base's `source`), as Markdown.",
            mimeType: "text/markdown"),
        Resource.Template(
            uriTemplate: "ticket://{ticket_id}", name: "ticket", title: "Ticket",
            description: "A ticket by its id: customer, conversation with reply traces, escalations, audit trail (JSON).",
            mimeType: "application/json"),
    ]

    func listResources(cursor: String?) async throws -> ListResources.Result {
        let offset: Int
        if let cursor {
            guard let value = Int(cursor), value >= 0 else { throw MCPError.invalidParams("invalid cursor \(ToolArguments.quoted(cursor))") }
            offset = value
        } else {
            offset = 0
        }
        let documents = try await knowledge.documents().map { document in
            Resource(
                name: document.source, uri: ResourceURI.document(document.source).text, title: document.title,
                description: "Knowledge-base document, category \(document.category), \(document.chunks) passages",
                mimeType: "text/markdown")
        }
        let tickets = try await self.tickets.list(TicketFilter(limit: Self.listedTickets)).map { ticket in
            Resource(
                name: "ticket \(ticket.id.lowercasedString)", uri: ResourceURI.ticket(ticket.id).text,
                title: ticket.subject ?? "(no subject)",
                description: "\(ticket.status) \(ticket.category) ticket via \(ticket.channel), priority \(ticket.priority), customer \(ticket.customerContact ?? ticket.customerName ?? "unknown")",
                mimeType: "application/json")
        }
        let all = documents + tickets
        let page = all.dropFirst(offset).prefix(Self.resourcePageSize)
        let next = offset + page.count < all.count ? String(offset + page.count) : nil
        return ListResources.Result(resources: Array(page), nextCursor: next)
    }

    func readResource(_ uri: String) async throws -> ReadResource.Result {
        switch ResourceURI(uri) {
        case .document(let source):
            guard let document = try await knowledge.document(source) else {
                throw Self.resourceNotFound("no knowledge-base document \(uri); resources/list names them all")
            }
            return ReadResource.Result(contents: [.text(document.markdown, uri: uri, mimeType: "text/markdown")])
        case .ticket(let id):
            let detail: TicketDetail
            do {
                detail = try await tickets.detail(id)
            } catch let error as TicketError where error.code == .notFound {
                throw Self.resourceNotFound(error.message)
            }
            let json = try JSONEncoder.records(prettyPrinted: true).encode(detail)
            return ReadResource.Result(contents: [.text(String(decoding: json, as: UTF8.self), uri: uri, mimeType: "application/json")])
        case nil:
            throw MCPError.invalidParams(
                "unknown resource \(ToolArguments.quoted(uri)): this server has kb://<document path> and ticket://<ticket id>")
        }
    }

    /// MCP's "resource not found" error (-32002).
    static func resourceNotFound(_ message: String) -> MCPError {
        .serverError(code: -32002, message: message)
    }
}
