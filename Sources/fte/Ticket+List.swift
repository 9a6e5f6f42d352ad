import ArgumentParser
import FTECore
import Foundation

extension Ticket {
    /// `fte ticket list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tickets, newest first.",
            discussion: "Examples: fte ticket list --status escalated --since 24h; fte ticket list --customer jane@example.com --format json")

        @Option(help: "Only tickets with this status.") var status: TicketStatus?
        @Option(help: "Only tickets that came in through this channel.") var channel: Channel?
        @Option(help: ArgumentHelp("Only tickets of the customer with this e-mail address or phone number.", valueName: "email|phone"))
        var customer: String?
        @Option(help: ArgumentHelp("Only tickets created since then: 2026-11-24, 2026-11-24T08:00:00Z, or an age like 90m, 24h, 7d.", valueName: "when"))
        var since: String?
        @Option(help: "Most tickets to list (1-10000).") var limit = 50

        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            var filter = TicketFilter(status: status, channel: channel, limit: limit)
            if let customer {
                guard let address = ContactAddress(customer) else {
                    throw CommandFailure.usage(
                        "--customer must be an e-mail address or a phone number in international form such as +14155550100 (got \(customer))")
                }
                filter.customer = address
            }
            if let since {
                guard let date = TicketFilter.parseSince(since) else {
                    throw CommandFailure.usage(
                        "--since must be a date from 1970 to 9999 (2026-11-24), a date-time (2026-11-24T08:00:00Z) or an age of at most 100 years (24h, 7d) (got \(since))")
                }
                filter.since = date
            }
            guard (1...10_000).contains(limit) else { throw CommandFailure.usage("--limit must be between 1 and 10000 (got \(limit))") }
            let tickets = try await database.withDatabase { db in try await TicketStore(database: db).list(filter) }
            print(try render(tickets))
        }

        private func render(_ tickets: [TicketSummary]) throws -> String {
            let header = ["ID", "STATUS", "CHANNEL", "PRIORITY", "CATEGORY", "CUSTOMER", "SUBJECT", "CREATED"]
            func rows(time: (Date) -> String) -> [[String]] {
                tickets.map { t in
                    [t.id.lowercasedString, t.status, t.channel, t.priority, t.category,
                     t.customerContact ?? t.customerName ?? "-", t.subject ?? "-", time(t.createdAt)]
                }
            }
            switch output.format {
            case .json: return try Rendering.json(tickets)
            case .csv: return Rendering.csv(header: header, rows: rows(time: Rendering.timestamp))
            case .table:
                if tickets.isEmpty { return "No tickets match." }
                return Rendering.table(header: header, rows: rows(time: Rendering.shortTimestamp), maxWidth: 40)
            }
        }
    }
}
