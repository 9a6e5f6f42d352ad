import FTECore
import Foundation
import Logging

/// The write tools, offered with `--allow-writes`: the `fte ticket reply / escalate / resolve`
/// code paths, recorded under the session's actor.
extension SupportDesk {
    struct ReplyResult: Encodable, Sendable {
        var reply: HumanReply
        var actor: String
        var delivery = "queued in the outbox; a running `fte work` (or `fte serve --with-worker`) sends it once"
    }

    func replyToTicket(_ arguments: ToolArguments, session: DeskSession) async throws -> ReplyResult {
        let id = try arguments.ticketID()
        let message = try arguments.text("message", maxLength: TicketStore.maxReplyCharacters)
        let resolve = try arguments.boolean("resolve", default: false)
        let violations = replyReview.violations(in: message, to: try await tickets.detail(id))
        guard violations.isEmpty else {
            throw ToolFailure(
                "the reply was not sent: it breaks the support rules. " + violations.map(\.description).joined(separator: " ")
                    + " Rewrite it, or escalate the ticket for a colleague who may.")
        }
        let actor = await actor(in: session)
        let reply = try await tickets.reply(id, message: message, actor: actor, resolve: resolve)
        logger.info("ticket replied through MCP", metadata: ["ticket": "\(id.lowercasedString)", "actor": "\(actor)"])
        return ReplyResult(reply: reply, actor: actor)
    }

    struct TicketChange: Encodable, Sendable {
        var ticket: TicketRecord
        var actor: String
    }

    func escalateTicket(_ arguments: ToolArguments, session: DeskSession) async throws -> TicketChange {
        let id = try arguments.ticketID()
        let reason = try arguments.text("reason", maxLength: Self.maxNoteCharacters)
        let actor = await actor(in: session)
        return TicketChange(ticket: try await tickets.escalate(id, reason: reason, actor: actor), actor: actor)
    }

    func resolveTicket(_ arguments: ToolArguments, session: DeskSession) async throws -> TicketChange {
        let id = try arguments.ticketID()
        let note = try arguments.text("note", maxLength: Self.maxNoteCharacters)
        let actor = await actor(in: session)
        return TicketChange(ticket: try await tickets.resolve(id, note: note, actor: actor), actor: actor)
    }
}
