import ArgumentParser
import FTECore
import Foundation

/// `fte ticket`: queries and changes for support leads.
struct Ticket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "List, show, reply to, escalate and resolve support tickets.",
        subcommands: [List.self, Show.self, Reply.self, Escalate.self, Resolve.self]
    )

    /// Parses a ticket id argument.
    static func ticketID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw CommandFailure.usage("not a ticket id: \(text) (expected a UUID such as 3f2b…-…)")
        }
        return id
    }
}

extension TicketStatus: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}

/// `--by`, the person recorded on a ticket change.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("by"), help: ArgumentHelp("Who is making the change (env FTE_ACTOR; default: $USER).", valueName: "name"))
    var actor: String?

    var resolved: String {
        let env = ProcessInfo.processInfo.environment
        return ConfigKey.actor.resolve(flag: actor, environment: env) ?? env["USER"] ?? "support-lead"
    }
}
