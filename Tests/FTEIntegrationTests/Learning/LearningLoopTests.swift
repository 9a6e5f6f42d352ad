import FTECore
import FTETestSupport
import Foundation
import Testing

/// The learning loop end to end, with the real binaries: customers ask what the knowledge base
/// cannot answer → `fte work` escalates → a person answers with `fte ticket reply --resolve` →
/// `fte kb candidates suggest` proposes one merged candidate without personal data →
/// `approve --into` writes the document and ingests it → a new customer's question is answered
/// by the built-in responder and by the (scripted) model, citing the new document.
@Suite(.serialized, .timeLimit(.minutes(6))) struct LearningLoopTests {
    static let askers: [(channel: Channel, customer: IncomingEvent.Customer, subject: String?, text: String)] = [
        (.email, .init(email: "jane.doe@acme-corp.com", name: "Jane Doe"), "Dark mode?",
         "Hi there,\n\nIs there a dark mode in Nimbus Boards? My eyes hurt when I work late. You can reach me at "
             + "jane.doe@acme-corp.com or +44 20 7946 0958.\n\nThanks,\nJane Doe\n\nOn Mon, 7 Dec 2026 at 09:12, Nimbus <support@fte.example> wrote:\n> How can we help?"),
        (.whatsapp, .init(phone: "+14155550123", name: "Omar"), nil,
         "hello! does nimbus boards have a dark mode? the white screen is too bright at night"),
        (.webForm, .init(email: "li.wei@example.org", phone: "+4915123456789", name: "Li Wei"), "Dark theme",
         "Dear support team, how can I switch Nimbus Boards to a dark mode? My order number is #884213. Best regards, Li Wei"),
    ]
    static let answer = """
        Hi Jane,

        Yes: open Settings > Appearance and choose Dark. The desktop and mobile apps follow your system theme if you choose Automatic.

        Best regards,
        Ana
        Nimbus Support
        """

    /// The sample knowledge base (a scratch copy, ingested by `fte kb ingest`) in a scratch
    /// database, a running `fte work`, and each asker's question published as an event from
    /// their channel (`idBase` numbers the channel message ids); `body` gets the database, a
    /// client, the worker and the knowledge-base folder.
    static func withQuestionsAsked(
        idBase: Int = 0, _ body: (TestDatabase, Database, RunningWorker, URL) async throws -> Void
    ) async throws {
        let kb = try SampleKnowledgeBase.scratchCopy()
        defer { try? FileManager.default.removeItem(at: kb) }
        try await withTestDatabase { db in
            let ingest = try await FTEBinary.run(["kb", "ingest", kb.path], environment: ["FTE_DATABASE_URL": db.url])
            try #require(ingest.status == 0, "\(ingest.stderr)")
            try await db.withClient { client in
                let publisher = PostgresEventPublisher(database: client)
                let worker = try await RunningWorker.start(databaseURL: db.url)
                for (index, asker) in askers.enumerated() {
                    let number = idBase + index
                    try await publisher.publish(IncomingEvent(
                        channel: asker.channel,
                        channelMessageID: asker.channel == .webForm ? UUID().uuidString.lowercased()
                            : asker.channel == .whatsapp ? "SM" + String(repeating: "\(number)", count: 32) : "mail-\(number)",
                        customer: asker.customer, subject: asker.subject, content: asker.text))
                }
                try await body(db, client, worker, kb)
            }
        }
    }

    @Test func aResolvedQuestionBecomesADocumentTheAgentAnswersFrom() async throws {
        // 1. Three customers ask, in their own words; the built-in responder escalates each.
        try await Self.withQuestionsAsked { db, client, worker, kb in
            let env = ["FTE_DATABASE_URL": db.url]
            let publisher = PostgresEventPublisher(database: client)
            let escalated = try await RunningWorker.waitUntil {
                try await Self.count(client, "SELECT 1 FROM escalations WHERE reason = 'no_relevant_knowledge'") == 3
            }
            try await worker.stop()
            #expect(escalated, "the knowledge base cannot answer: three escalations")

            // 2. A person answers each and resolves it.
            let tickets: [UUID] = try await client.query("SELECT id FROM tickets ORDER BY created_at").map { try $0.decode("id") }
            #expect(tickets.count == 3)
            for ticket in tickets {
                let reply = try await FTEBinary.run(
                    ["ticket", "reply", ticket.lowercasedString, "--message", Self.answer, "--resolve", "--by", "ana"], environment: env)
                #expect(reply.status == 0, "\(reply.stderr)")
            }

            // 3. One merged candidate, personal data removed.
            let suggest = try await FTEBinary.run(
                ["kb", "candidates", "suggest", "--since", "1d", "--by", "lead", "--format", "json"], environment: env)
            #expect(suggest.status == 0, "\(suggest.stderr)")
            let summary = try JSONDecoder().decode(CandidateSuggester.Summary.self, from: Data(suggest.stdout.utf8))
            #expect(summary.tickets == 3 && summary.proposed.count == 1, "\(suggest.stdout)")
            let id = try #require(summary.proposed.first)
            let (candidate, events) = try await CandidateStore(database: client).show(id)
            #expect(Set(candidate.ticketIDs) == Set(tickets))
            #expect(events.map(\.kind) == ["suggested"] && events.first?.actor == "lead")
            let text = candidate.question + "\n" + candidate.answer
            for leaked in ["jane.doe", "acme-corp", "7946", "0958", "884213", "Jane", "Ana", "Li Wei", "How can we help", "Best regards"] {
                #expect(!text.contains(leaked), "\(leaked) left in:\n\(text)")
            }
            #expect(candidate.question.lowercased().contains("dark mode"))
            #expect(candidate.answer.hasPrefix("Yes: open Settings > Appearance and choose Dark."))

            // A second run proposes nothing new: the tickets are taken.
            let again = try await FTEBinary.run(["kb", "candidates", "suggest", "--since", "1d", "--format", "json"], environment: env)
            #expect(try JSONDecoder().decode(CandidateSuggester.Summary.self, from: Data(again.stdout.utf8)).tickets == 0)

            // 4. Approved into the knowledge-base folder, and ingested.
            let approve = try await FTEBinary.run(
                ["kb", "candidates", "approve", String(id), "--into", kb.appendingPathComponent("learned").path, "--by", "ana"],
                environment: env)
            #expect(approve.status == 0, "\(approve.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: kb.appendingPathComponent("learned").path)
            let file = try #require(files.first)
            let document = try String(contentsOf: kb.appendingPathComponent("learned/\(file)"), encoding: .utf8)
            #expect(document.hasPrefix("---\ntitle: \"") && document.lowercased().contains("dark mode"), "\(document)")
            #expect(document.contains("approved_by: \"ana\"") && document.contains(tickets[0].lowercasedString))
            let source = "learned/\(file)"
            #expect(try await Self.count(client, "SELECT 1 FROM kb_documents WHERE source = \(source)") == 1)
            // A later `fte kb ingest` of the same folder finds it unchanged.
            let reingest = try await FTEBinary.run(["kb", "ingest", kb.path, "--format", "json"], environment: env)
            #expect(reingest.stdout.contains("\"added\" : [\n\n  ]") || reingest.stdout.contains("\"added\" : []"), "\(reingest.stdout)")

            // 5. A new customer asks: the built-in responder answers from the new document…
            try await publisher.publish(IncomingEvent(
                channel: .email, channelMessageID: "mail-new", customer: .init(email: "sam@example.net", name: "Sam"),
                subject: "Night mode", content: "Is there a dark mode? The bright screen hurts my eyes."))
            let builtin = try await RunningWorker.start(databaseURL: db.url)
            #expect(try await RunningWorker.waitUntil { try await Self.answered(client, "mail-new") })
            try await builtin.stop()
            #expect(try await Self.sources(client, "mail-new").contains(source))

            // …and so does the model, which searches the knowledge base first.
            let llm = try await ScriptedLLMServer.start(script: ScriptedLLMServer.Reply.knowledgeBaseAnswer)
            let modelWorker = try await RunningWorker.start(databaseURL: db.url, environment: [
                "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
            ])
            try await publisher.publish(IncomingEvent(
                channel: .whatsapp, channelMessageID: "SM" + String(repeating: "f", count: 32),
                customer: .init(phone: "+14155550999", name: "Kim"), content: "do you have a dark mode?"))
            let modelAnswered = try await RunningWorker.waitUntil { try await Self.answered(client, "SM" + String(repeating: "f", count: 32)) }
            let log = modelWorker.process.errorsSoFar
            try await modelWorker.stop()
            let modelOutcome = try await Self.outcome(client, "SM" + String(repeating: "f", count: 32))
            #expect(modelAnswered, "\(modelOutcome)\nworker log: \(log.suffix(3000))")
            await llm.shutdown()
            let modelReply = try await client.query(
                """
                SELECT r.answered_by, r.sources::text AS sources FROM messages m JOIN messages r ON r.reply_to_message_id = m.id
                WHERE m.channel_message_id = \("SM" + String(repeating: "f", count: 32))
                """).first
            #expect(try modelReply?.decode("answered_by", as: String.self) == "model")
            #expect(try modelReply?.decode("sources", as: String.self).contains(source) == true)
        }
    }

    static func count(_ client: Database, _ sql: SQLQuery) async throws -> Int {
        try await client.query("SELECT count(*)::int AS n FROM (\(fragment: sql)) x")[0].decode("n")
    }

    /// Whether the agent answered the message rather than handing it over. No channel sender is
    /// configured here, so the reply's delivery fails and escalates as `delivery_failed`: that
    /// escalation says nothing about the answer and is not counted.
    static func answered(_ client: Database, _ channelMessageID: String) async throws -> Bool {
        try await count(client, """
            SELECT 1 FROM messages m JOIN messages r ON r.reply_to_message_id = m.id
            WHERE m.channel_message_id = \(channelMessageID) AND r.answered_by IN ('builtin', 'model')
              AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = m.ticket_id AND e.reason <> 'delivery_failed')
            """) == 1
    }

    /// The reply, who wrote it, its tools and the ticket's escalations, for failure messages.
    static func outcome(_ client: Database, _ channelMessageID: String) async throws -> String {
        try await client.query("""
            SELECT r.answered_by, r.content, r.tool_calls::text AS tools,
                   (SELECT string_agg(e.reason, ',') FROM escalations e WHERE e.ticket_id = m.ticket_id) AS reasons
            FROM messages m LEFT JOIN messages r ON r.reply_to_message_id = m.id
            WHERE m.channel_message_id = \(channelMessageID)
            """).map { row in
            "\(try row.decode("answered_by", as: String?.self) ?? "-"): \(try row.decode("content", as: String?.self) ?? "no reply") "
                + "tools \(try row.decode("tools", as: String?.self) ?? "-") escalations \(try row.decode("reasons", as: String?.self) ?? "none")"
        }.joined(separator: "\n")
    }

    static func sources(_ client: Database, _ channelMessageID: String) async throws -> String {
        try await client.query("""
            SELECT r.sources::text AS sources FROM messages m JOIN messages r ON r.reply_to_message_id = m.id
            WHERE m.channel_message_id = \(channelMessageID)
            """).first?.decode("sources") ?? ""
    }
}
