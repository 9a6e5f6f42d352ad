import ArgumentParser
import FTECore
import Foundation

extension KB {
    /// `fte kb candidates`: knowledge-base entries learnt from resolved tickets.
    struct Candidates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Knowledge-base entries learnt from tickets people resolved, for a content owner to approve.",
            discussion: """
                suggest drafts them; list, show and edit review them; approve writes the Markdown document into \
                your knowledge-base folder and ingests it; reject keeps the question from being proposed again; \
                gaps lists the questions nobody has answered yet. Every change is recorded with --by (FTE_ACTOR). \
                See docs/knowledge-base.md, "Learning from resolved tickets".
                """,
            subcommands: [Suggest.self, List.self, Show.self, Edit.self, Approve.self, Reject.self, Gaps.self])

        /// Parses a candidate id argument.
        static func id(_ text: String) throws -> Int64 {
            guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
                throw CommandFailure.usage("not a candidate id: \(text) (expected a number such as 12, from `fte kb candidates list`)")
            }
            return id
        }

        /// One line per candidate.
        static func table(_ candidates: [KnowledgeCandidate]) -> String {
            guard !candidates.isEmpty else { return "No candidates." }
            return Rendering.table(
                header: ["ID", "STATUS", "CATEGORY", "TICKETS", "TITLE", "UPDATED"],
                rows: candidates.map {
                    [String($0.id), $0.status.rawValue, $0.category, String($0.ticketIDs.count), $0.title, Rendering.shortTimestamp($0.updatedAt)]
                }, maxWidth: 60)
        }
    }
}

extension KnowledgeCandidate.Status: ExpressibleByArgument {}
