import ArgumentParser
import FTECore
import Foundation

extension Ticket {
    /// `fte ticket escalate ID --reason …`.
    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a ticket to a human, recording the reason, who and when.")

        @Argument(help: "The ticket id.") var id: String
        @Option(help: "Why the ticket needs a human.") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let ticketID = try Ticket.ticketID(id)
            let (reason, by) = (reason, actor.resolved)
            let ticket = try await database.withDatabase { db in
                try await TicketStore(database: db).escalate(ticketID, reason: reason, actor: by)
            }
            switch output.format {
            case .json: print(try Rendering.json(ticket))
            case .table, .csv: print("Ticket \(ticket.id.lowercasedString) escalated by \(by): \(reason)")
            }
        }
    }

    /// `fte ticket resolve ID --note …`.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a ticket with a resolution note, recording who and when.")

        @Argument(help: "The ticket id.") var id: String
        @Option(help: "How the ticket was resolved.") var note: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let ticketID = try Ticket.ticketID(id)
            let (note, by) = (note, actor.resolved)
            let ticket = try await database.withDatabase { db in
                try await TicketStore(database: db).resolve(ticketID, note: note, actor: by)
            }
            switch output.format {
            case .json: print(try Rendering.json(ticket))
            case .table, .csv: print("Ticket \(ticket.id.lowercasedString) resolved by \(by): \(note)")
            }
        }
    }
}
