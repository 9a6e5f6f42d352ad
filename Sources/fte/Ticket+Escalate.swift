import ArgumentParser
import FTECore
import Foundation

extension Ticket {
    /// `fte ticket escalate ID --reason …`.
    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a ticket to a human, recording the reason, who and when.")

        @OptionGroup var change: TicketChangeOptions
        @Option(help: "Why the ticket needs a human.") var reason: String

        func run() async throws {
            let reason = reason
            try await change.apply { try await $0.escalate($1, reason: reason, actor: $2) } line: { ticket, by in
                "Ticket \(ticket.id.lowercasedString) escalated by \(by): \(reason)"
            }
        }
    }

    /// `fte ticket resolve ID --note …`.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a ticket with a resolution note, recording who and when.")

        @OptionGroup var change: TicketChangeOptions
        @Option(help: "How the ticket was resolved.") var note: String

        func run() async throws {
            let note = note
            try await change.apply { try await $0.resolve($1, note: note, actor: $2) } line: { ticket, by in
                "Ticket \(ticket.id.lowercasedString) resolved by \(by): \(note)"
            }
        }
    }
}

/// What every change a support lead makes to a ticket takes: the ticket, who makes the change,
/// how the result is printed, and the database.
struct TicketChangeOptions: ParsableArguments {
    @Argument(help: "The ticket id.") var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    /// Applies `change` (given the store, the ticket id and the actor) and prints its result:
    /// as JSON, else as `line(result, actor)`.
    func apply<Result: Encodable & Sendable>(
        _ change: @Sendable (TicketStore, UUID, _ actor: String) async throws -> Result,
        line: (Result, _ actor: String) -> String
    ) async throws {
        let ticketID = try Ticket.ticketID(id)
        let by = actor.resolved
        let result = try await database.withDatabase { db in try await change(TicketStore(database: db), ticketID, by) }
        switch output.format {
        case .json: print(try Rendering.json(result))
        case .table, .csv: print(line(result, by))
        }
    }
}
