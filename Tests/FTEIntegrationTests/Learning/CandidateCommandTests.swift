import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte kb candidates` as a content owner runs it, the built binary over tickets people
/// resolved: near duplicates merge, `edit` through $EDITOR, `reject` keeps a question from
/// coming back, every change names who made it, `gaps` lists what nobody answered, and bad
/// input is one line and exit 64 with nothing changed.
@Suite(.timeLimit(.minutes(4))) struct CandidateCommandTests {
    static let exportAnswer = "Open the board, choose Share > Export and pick PDF. The file downloads at once."
    static let colourAnswer = "Workspace admins can pick a colour under Settings > Workspace > Appearance."

    @Test func reviewEditRejectAndTheHistoryOfEachChange() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url]
            try await db.withClient { client in
                try await Self.resolved(client, "How do I export my board as a PDF?", answer: Self.exportAnswer)
                try await Self.resolved(client, "How do I export my board as a PDF file?", answer: Self.exportAnswer)
                try await Self.resolved(client, "Can I change the colour of my workspace?", answer: Self.colourAnswer)
            }
            let suggest = try await FTEBinary.run(
                ["kb", "candidates", "suggest", "--since", "1d", "--by", "lead", "--format", "json"], environment: env)
            try #require(suggest.status == 0, "\(suggest.stderr)")
            let summary = try JSONDecoder().decode(CandidateSuggester.Summary.self, from: Data(suggest.stdout.utf8))
            #expect(summary.tickets == 3 && summary.groups == 2 && summary.proposed.count == 2, "\(suggest.stdout)")

            let list = try await FTEBinary.run(["kb", "candidates", "list", "--status", "pending", "--format", "json"], environment: env)
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(listed.count == 2)
            let export = try #require(listed.first { ($0["question"] as? String)?.contains("export") == true })
            let colour = try #require(listed.first { ($0["question"] as? String)?.contains("colour") == true })
            let exportID = String(try #require(export["id"] as? Int))
            let colourID = String(try #require(colour["id"] as? Int))
            #expect((export["ticket_ids"] as? [String])?.count == 2, "the two wordings merged into one candidate")

            // edit: the editor changes the title in the Markdown; the change is recorded.
            let edit = try await FTEBinary.run(
                ["kb", "candidates", "edit", exportID, "--by", "ed"],
                environment: env.merging(
                    ["EDITOR": "sed -i 's/^title: .*/title: \"Exporting a board as PDF\"/'", "VISUAL": ""]) { $1 })
            #expect(edit.status == 0, "\(edit.stderr)")
            // An editor that fails changes nothing.
            let failed = try await FTEBinary.run(["kb", "candidates", "edit", exportID], environment: env.merging(["EDITOR": "false"]) { $1 })
            #expect(failed.status == 1 && failed.stderr.contains("nothing changed"), "\(failed.stderr)")

            let reject = try await FTEBinary.run(
                ["kb", "candidates", "reject", colourID, "--reason", "Depends on the plan", "--by", "rita"], environment: env)
            #expect(reject.status == 0, "\(reject.stderr)")
            let again = try await FTEBinary.run(["kb", "candidates", "reject", colourID, "--reason", "twice"], environment: env)
            #expect(again.status == 1 && again.stderr.contains("already rejected by rita"), "\(again.stderr)")

            let shown = try await FTEBinary.run(["kb", "candidates", "show", exportID, "--format", "json"], environment: env)
            let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let candidate = try #require(detail["candidate"] as? [String: Any])
            #expect(candidate["title"] as? String == "Exporting a board as PDF")
            let history = (detail["events"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "")/\($0["actor"] ?? "")" }
            #expect(history == ["suggested/lead", "edited/ed"])
            let rejected = try await FTEBinary.run(["kb", "candidates", "show", colourID, "--format", "json"], environment: env)
            #expect(rejected.stdout.contains("\"rejection_reason\" : \"Depends on the plan\""), "\(rejected.stdout)")

            // The rejected question asked again by another customer is not proposed again; the
            // export question asked again joins its pending candidate.
            try await db.withClient { client in
                try await Self.resolved(client, "Can I change the colour of my workspace?", answer: Self.colourAnswer)
                try await Self.resolved(client, "How do I export my board as a PDF?", answer: Self.exportAnswer)
            }
            let second = try await FTEBinary.run(
                ["kb", "candidates", "suggest", "--since", "1d", "--by", "lead", "--format", "json"], environment: env)
            let later = try JSONDecoder().decode(CandidateSuggester.Summary.self, from: Data(second.stdout.utf8))
            #expect(later.tickets == 2 && later.proposed.isEmpty && later.alreadyDecided == 1, "\(second.stdout)")
            #expect(later.merged.map(String.init) == [exportID])
        }
    }

    @Test func gapsListsTheQuestionsNobodyAnswered() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await Self.gap(client, "Do you integrate with Trello?")
                try await Self.gap(client, "Is there an integration with Trello?")
                try await Self.resolved(client, "How do I export my board as a PDF?", answer: Self.exportAnswer, escalatedAsGap: true)
            }
            let gaps = try await FTEBinary.run(
                ["kb", "candidates", "gaps", "--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(gaps.status == 0, "\(gaps.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
            #expect(report["questions"] as? Int == 2, "the answered one is left out: \(gaps.stdout)")
            let groups = report["groups"] as? [[String: Any]] ?? []
            #expect(groups.flatMap { $0["ticket_ids"] as? [String] ?? [] }.count == 2, "\(gaps.stdout)")
            #expect(!groups.isEmpty && groups.allSatisfy { ($0["example"] as? String)?.contains("Trello") == true })
        }
    }

    @Test func badInputIsOneLineAndExit64WithNothingChanged() async throws {
        try await withTestDatabase { db in
            let env = ["FTE_DATABASE_URL": db.url]
            try await db.withClient { try await Self.resolved($0, "How do I export my board as a PDF?", answer: Self.exportAnswer) }
            for arguments in [
                ["show", "abc"], ["approve", "0", "--into", "/tmp/x"], ["suggest", "--since", "last tuesday"],
                ["suggest", "--group-similarity", "2"], ["gaps", "--limit", "0"], ["reject", "1"], ["list", "--status", "maybe"],
            ] {
                let result = try await FTEBinary.run(["kb", "candidates"] + arguments, environment: env)
                #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            }
            let missing = try await FTEBinary.run(["kb", "candidates", "show", "999"], environment: env)
            #expect(missing.status == 1 && missing.stderr.contains("999"), "\(missing.stderr)")

            let suggest = try await FTEBinary.run(["kb", "candidates", "suggest", "--since", "1d", "--format", "json"], environment: env)
            let id = try #require(try JSONDecoder().decode(CandidateSuggester.Summary.self, from: Data(suggest.stdout.utf8)).proposed.first)
            // A folder outside the knowledge-base root is refused, and nothing is written or decided.
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: outside) }
            let approve = try await FTEBinary.run(
                ["kb", "candidates", "approve", String(id), "--into", outside.path, "--root", root.path], environment: env)
            #expect(approve.status == 64 && approve.stderr.contains("must be inside"), "\(approve.stderr)")
            #expect(!FileManager.default.fileExists(atPath: outside.path))
            let status = try await db.withClient { try await CandidateStore(database: $0).show(id).candidate.status }
            #expect(status == .pending)
        }
    }

    // MARK: - Fixtures

    /// A customer's ticket, escalated as `human_requested` (or `no_relevant_knowledge`), that a
    /// person answered and resolved an hour later.
    static func resolved(_ client: Database, _ question: String, answer: String, escalatedAsGap: Bool = false) async throws {
        let (ticket, conversation, message) = try await opened(client, question)
        try await client.execute(
            """
            INSERT INTO escalations (ticket_id, conversation_id, reason, created_by, status, created_at, resolved_at)
                VALUES (\(ticket), \(conversation), \(escalatedAsGap ? "no_relevant_knowledge" : "human_requested"), 'agent', 'resolved',
                now() - interval '2 hours', now() - interval '1 hour')
            """)
        try await client.execute(
            """
            INSERT INTO messages (conversation_id, ticket_id, reply_to_message_id, channel, direction, role, content,
                delivery_status, answered_by, created_at)
                VALUES (\(conversation), \(ticket), \(message), 'email', 'outbound', 'agent', 'A colleague will reply.', 'sent', 'builtin',
                now() - interval '2 hours')
            """)
        try await client.execute(
            """
            INSERT INTO messages (conversation_id, ticket_id, channel, direction, role, content, delivery_status, answered_by, created_at)
                VALUES (\(conversation), \(ticket), 'email', 'outbound', 'human', \("Hi,\n\n" + answer + "\n\nBest regards,\nAna"), 'sent',
                'human', now() - interval '1 hour')
            """)
        try await client.execute(
            """
            UPDATE tickets SET status = 'resolved', resolved_by = 'ana', resolved_at = now() - interval '1 hour' WHERE id = \(ticket)
            """)
    }

    /// A customer's ticket the knowledge base could not answer, waiting for a person.
    static func gap(_ client: Database, _ question: String) async throws {
        let (ticket, conversation, message) = try await opened(client, question)
        try await client.execute(
            """
            INSERT INTO escalations (ticket_id, conversation_id, reason, created_by, status, created_at)
                VALUES (\(ticket), \(conversation), 'no_relevant_knowledge', 'agent', 'pending', now() - interval '2 hours')
            """)
        try await client.execute(
            """
            INSERT INTO messages (conversation_id, ticket_id, reply_to_message_id, channel, direction, role, content,
                delivery_status, answered_by, created_at)
                VALUES (\(conversation), \(ticket), \(message), 'email', 'outbound', 'agent', 'A colleague will reply.', 'sent', 'builtin',
                now() - interval '2 hours')
            """)
        try await client.execute(
            """
            UPDATE tickets SET status = 'escalated' WHERE id = \(ticket)
            """)
    }

    /// A new customer's e-mail opening a ticket two hours ago: (ticket, conversation, message).
    static func opened(_ client: Database, _ question: String) async throws -> (UUID, UUID, UUID) {
        let (customer, conversation, ticket, message) = (UUID(), UUID(), UUID(), UUID())
        try await client.execute(
            """
            INSERT INTO customers (id, name, created_at) VALUES (\(customer), 'Jo Tester', now() - interval '3 hours')
            """)
        try await client.execute(
            """
            INSERT INTO conversations (id, customer_id, initial_channel, last_channel, started_at)
                VALUES (\(conversation), \(customer), 'email', 'email', now() - interval '2 hours')
            """)
        try await client.execute(
            """
            INSERT INTO tickets (id, customer_id, conversation_id, source_channel, category, status, created_at)
                VALUES (\(ticket), \(customer), \(conversation), 'email', 'technical', 'processing', now() - interval '2 hours')
            """)
        try await client.execute(
            """
            INSERT INTO messages (id, conversation_id, ticket_id, channel, direction, role, content, channel_message_id,
                delivery_status, created_at)
                VALUES (\(message), \(conversation), \(ticket), 'email', 'inbound', 'customer', \(question), \("mail-" + message.uuidString),
                'received', now() - interval '2 hours')
            """)
        try await client.execute(
            """
            UPDATE tickets SET source_message_id = \(message) WHERE id = \(ticket)
            """)
        return (ticket, conversation, message)
    }
}
