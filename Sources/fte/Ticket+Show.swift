import ArgumentParser
import FTECore
import Foundation

extension Ticket {
    /// `fte ticket show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a ticket: customer and identifiers, the cross-channel conversation with each reply's trace, escalations, history.")

        @Argument(help: "The ticket id.") var id: String
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Database") var database: DatabaseOptions

        func run() async throws {
            let ticketID = try Ticket.ticketID(id)
            let detail = try await database.withDatabase { db in try await TicketStore(database: db).detail(ticketID) }
            switch output.format {
            case .json: print(try Rendering.json(detail))
            case .table, .csv: print(Self.text(detail))
            }
        }

        static func text(_ d: TicketDetail) -> String {
            let t = d.ticket
            var lines: [String] = []
            lines.append("Ticket \(t.id.lowercasedString)  [\(t.status)]")
            lines.append("  via \(t.sourceChannel) · priority \(t.priority) · category \(t.category)")
            lines.append("  subject: \(t.subject ?? "-")")
            lines.append("  created \(Rendering.timestamp(t.createdAt)) · updated \(Rendering.timestamp(t.updatedAt))")
            if let resolvedAt = t.resolvedAt {
                lines.append("  resolved \(Rendering.timestamp(resolvedAt)) by \(t.resolvedBy ?? "-"): \(t.resolutionNotes ?? "")")
            }
            lines.append("")
            let nameSource = d.customer.name == nil ? "" : d.customer.nameVerified ? "" : "  (name claimed)"
            lines.append("Customer \(d.customer.name ?? "(no name)")  \(d.customer.id.lowercasedString)\(nameSource)")
            for identifier in d.customer.identifiers {
                lines.append("  \(identifier.type.padding(toLength: 9, withPad: " ", startingAt: 0)) \(identifier.value)  \(provenance(identifier))")
            }
            lines.append("")
            lines.append("Conversation (\(d.messages.count) message\(d.messages.count == 1 ? "" : "s"), oldest first)")
            for m in d.messages {
                let arrow = m.direction == "inbound" ? "←" : "→"
                let status = m.direction == "outbound" ? "  [\(m.deliveryStatus)]" : ""
                let sender = m.senderAddress.map { "  from \($0) (\(m.senderProof.map { "verified: \($0.summary)" } ?? "claimed"))" } ?? ""
                lines.append("  \(Rendering.shortTimestamp(m.createdAt))  \(m.channel.padding(toLength: 8, withPad: " ", startingAt: 0)) \(arrow) \(m.role)\(status)\(sender)")
                for contentLine in m.content.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append("      \(contentLine)")
                }
                lines += trace(m).map { "      ↳ \($0)" }
            }
            if !d.escalations.isEmpty {
                lines.append("")
                lines.append("Escalations")
                for e in d.escalations {
                    lines.append("  \(Rendering.shortTimestamp(e.createdAt))  \(e.reason) [\(e.status)] by \(e.createdBy): \(e.summary ?? "")")
                }
            }
            if !d.events.isEmpty {
                lines.append("")
                lines.append("History")
                for e in d.events {
                    let change = [e.fromStatus, e.toStatus].compactMap { $0 }.joined(separator: " → ")
                    lines.append("  \(Rendering.shortTimestamp(e.createdAt))  \(e.kind) \(change) by \(e.actor)\(e.note.map { ": \($0)" } ?? "")")
                }
            }
            return lines.joined(separator: "\n")
        }

        /// `verified (Twilio signature) 2026-11-24 08:00` or `claimed, linked 2026-11-24 08:00`.
        static func provenance(_ identifier: CustomerRecord.Identifier) -> String {
            guard identifier.verified else { return "claimed, linked \(Rendering.shortTimestamp(identifier.linkedAt))" }
            return "verified (\(identifier.verifiedBy?.summary ?? "how was not recorded"))"
                + (identifier.verifiedAt.map { " \(Rendering.shortTimestamp($0))" } ?? "")
        }

        /// An inbound message's sentiment (local, and the model's when it gave one); how a reply
        /// was written and how far its delivery got, one short line per aspect.
        static func trace(_ m: MessageRecord) -> [String] {
            var lines: [String] = []
            if let sentiment = m.sentiment {
                lines.append(String(format: "sentiment %.2f", sentiment)
                    + (m.modelSentiment.map { String(format: " (local) · %.2f (model)", $0) } ?? ""))
            }
            if let answeredBy = m.answeredBy {
                var who = switch answeredBy {
                case "model": "answered by the model" + (m.model.map { " \($0)" } ?? "")
                case "builtin": "answered by the built-in responder"
                case "human": "answered by a human" + (m.actor.map { " (\($0))" } ?? "")
                default: "answered by \(answeredBy)"
                }
                if let tokens = m.tokensUsed { who += " · \(tokens) tokens" }
                if let latency = m.latencyMs {
                    who += " · " + duration(latency) + (m.modelLatencyMs.map { " (model \(duration($0)))" } ?? "")
                }
                lines.append(who)
            }
            if !m.toolCalls.isEmpty {
                lines.append("tools: " + m.toolCalls.map { "\($0.name) → \(Rendering.clip(Rendering.oneLine($0.result), to: 60))" }.joined(separator: "; "))
            }
            if !m.sources.isEmpty {
                lines.append("sources: " + m.sources.map { $0.headingPath.isEmpty ? $0.source : "\($0.source) › \($0.headingPath)" }.joined(separator: "; "))
            }
            if let outbox = m.outbox, outbox.status != "sent" {
                let attempts = switch outbox.attempts {
                case 0: ", not tried yet"
                case 1: " after 1 attempt"
                default: " after \(outbox.attempts) attempts"
                }
                lines.append("outbox: \(outbox.status)\(attempts)" + (outbox.lastError.map { ": \(Rendering.oneLine($0))" } ?? ""))
            }
            return lines
        }

        /// Milliseconds as `850 ms` or `2.1 s`.
        private static func duration(_ milliseconds: Int) -> String {
            milliseconds < 1000 ? "\(milliseconds) ms" : String(format: "%.1f s", Double(milliseconds) / 1000)
        }
    }
}
