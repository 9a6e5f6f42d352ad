import ArgumentParser
import FTECore
import Foundation

extension Ticket {
    /// `fte ticket reply ID --message …`.
    struct Reply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer a ticket's customer as a human, through the channel of their latest message.",
            discussion: """
                The message is sent as written (no greeting or sign-off is added): by e-mail in the customer's \
                thread, on WhatsApp split at sentence boundaries, or to the web form's address. It is queued in \
                the outbox and sent by a running `fte work` or `fte serve --with-worker`. The ticket moves to \
                processing, or to resolved with --resolve.
                """)

        @OptionGroup var change: TicketChangeOptions
        @Option(help: ArgumentHelp("The reply, at most 10000 characters.", valueName: "text")) var message: String
        @Flag(help: "Resolve the ticket with the note \"answered by <name>\".") var resolve = false

        func run() async throws {
            let (message, resolve) = (message, resolve)
            try await change.apply { try await $0.reply($1, message: message, actor: $2, resolve: resolve) } line: { reply, by in
                Self.text(reply, by: by)
            }
        }

        static func text(_ reply: HumanReply, by actor: String) -> String {
            let parts = reply.parts == 1 ? "" : " as \(reply.parts) messages"
            var lines = [
                "Reply by \(actor) queued for \(reply.channel.rawValue) to \(reply.recipient)\(parts); "
                    + "ticket \(reply.ticket.id.lowercasedString) is \(reply.ticket.status).",
                "It is sent by the outbox of a running `fte work` or `fte serve --with-worker`; "
                    + "`fte ticket show` tracks its delivery.",
            ]
            if reply.outsideWhatsAppWindow {
                lines.append(
                    "Note: the customer's last WhatsApp message is older than 24 hours; only the template "
                        + "(FTE_TWILIO_TEMPLATE_SID) can be sent, and without one the delivery fails and the ticket is escalated.")
            }
            return lines.joined(separator: "\n")
        }
    }
}
