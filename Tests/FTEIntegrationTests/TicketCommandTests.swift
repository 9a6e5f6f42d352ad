import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte ticket` through the built binary against a scratch database.
@Suite(.timeLimit(.minutes(3))) struct TicketCommandTests {
    /// Runs `body` with the fixture CRM loaded and a helper that runs `fte` against it.
    private func withFixtures(
        _ body: (TestDatabase, _ fte: @escaping ([String]) async throws -> FTEBinary.Result) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            try await body(db) { args in try await FTEBinary.run(args, environment: ["FTE_DATABASE_URL": db.url]) }
        }
    }

    private func ids(_ json: String) throws -> [String] {
        let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return array.compactMap { $0["id"] as? String }
    }

    private func status(of ticket: UUID, in db: TestDatabase) async throws -> String {
        try await db.withClient { try await $0.query("SELECT status FROM tickets WHERE id = \(ticket)")[0].decode("status") }
    }

    @Test func listOnAnEmptyDatabasePrintsAnEmptyJSONArray() async throws {
        try await withTestDatabase { db in
            let run = try await FTEBinary.run(["ticket", "list", "--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "[]\n")
        }
    }

    @Test func listShowsNewestFirstAndFilters() async throws {
        try await withFixtures { _, fte in
            let all = try await fte(["ticket", "list", "--format", "json"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(try ids(all.stdout) == [CRMFixtures.resolvedTicket, CRMFixtures.escalatedTicket, CRMFixtures.openTicket, CRMFixtures.omarTicket].map { $0.uuidString.lowercased() })

            let escalated = try await fte(["ticket", "list", "--status", "escalated", "--format", "json"])
            #expect(try ids(escalated.stdout) == [CRMFixtures.escalatedTicket.uuidString.lowercased()])

            let email = try await fte(["ticket", "list", "--channel", "email", "--format", "json"])
            #expect(try ids(email.stdout).count == 2)

            // A phone number finds the customer through their WhatsApp identifier too.
            let byPhone = try await fte(["ticket", "list", "--customer", "+1 415 555 0100", "--format", "json"])
            #expect(try ids(byPhone.stdout).count == 3)
            let byEmail = try await fte(["ticket", "list", "--customer", "OMAR@example.org", "--format", "json"])
            #expect(try ids(byEmail.stdout) == [CRMFixtures.omarTicket.uuidString.lowercased()])

            let recent = try await fte(["ticket", "list", "--since", "24h", "--format", "json"])
            #expect(try ids(recent.stdout).count == 3)
            let limited = try await fte(["ticket", "list", "--limit", "1", "--format", "json"])
            #expect(try ids(limited.stdout) == [CRMFixtures.resolvedTicket.uuidString.lowercased()])

            let table = try await fte(["ticket", "list"])
            #expect(table.stdout.hasPrefix("ID "))
            #expect(table.stdout.contains("jane@example.com"))
            #expect(table.stdout.contains("Charged twice"))
            let csv = try await fte(["ticket", "list", "--format", "csv", "--status", "open"])
            let lines = csv.stdout.split(separator: "\n")
            #expect(lines.first == "ID,STATUS,CHANNEL,PRIORITY,CATEGORY,CUSTOMER,SUBJECT,CREATED")
            #expect(lines.count == 2)
        }
    }

    @Test func showPrintsCustomerIdentifiersAndTheCrossChannelConversationInOrder() async throws {
        try await withFixtures { _, fte in
            let run = try await fte(["ticket", "show", CRMFixtures.escalatedTicket.uuidString])
            #expect(run.status == 0, "\(run.stderr)")
            let out = run.stdout
            for expected in ["[escalated]", "Jane Doe", "jane@example.com", "whatsapp  +14155550100", "no_relevant_info", "Conversation (5 messages"] {
                #expect(out.contains(expected), "missing \(expected)")
            }
            let order = ["I was charged twice", "our billing team", "The app crashes", "How do I export", "Dear Jane"]
            let positions = order.compactMap { out.range(of: $0)?.lowerBound }
            #expect(positions.count == order.count)
            #expect(positions == positions.sorted())

            let json = try await fte(["ticket", "show", CRMFixtures.escalatedTicket.uuidString, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["messages"] as? [Any])?.count == 5)
            #expect(((object["customer"] as? [String: Any])?["identifiers"] as? [Any])?.count == 3)
        }
    }

    @Test func showTracesEachReplyAndItsDelivery() async throws {
        try await withFixtures { db, fte in
            try await db.withClient { client in
                let conversation = CRMFixtures.janeConversation, ticket = CRMFixtures.escalatedTicket
                let modelReply: UUID = try await client.query(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status, ticket_id,
                                          answered_by, model, tokens_used, latency_ms, model_latency_ms, tool_calls, sources,
                                          created_at)
                    VALUES (\(conversation), 'whatsapp', 'outbound', 'agent', 'Hi Jane! Reports need version 4.2.', 'failed',
                            \(ticket), 'model', 'gemini-test-1', 1234, 2345, 2210,
                            '[{"name": "search_knowledge_base", "arguments": "{\\"query\\": \\"reports crash\\"}",
                               "result": "3 passages: Reports crash on old versions"},
                              {"name": "send_response", "arguments": "{}", "result": "sent"}]',
                            '[{"source": "guides/reports.md", "heading_path": "Reports > Troubleshooting", "chunk_id": 42}]',
                            now() - interval '119 minutes')
                    RETURNING id
                    """
                ).first!.decode("id")
                let builtinReply: UUID = try await client.query(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, delivery_status, ticket_id,
                                          answered_by, latency_ms, tool_calls, created_at)
                    VALUES (\(conversation), 'whatsapp', 'outbound', 'agent', 'Update the app from the store.', 'delivered',
                            \(ticket), 'builtin', 850,
                            '[{"name": "search_knowledge_base", "arguments": "{}", "result": "1 confident passage"}]',
                            now() - interval '118 minutes')
                    RETURNING id
                    """
                ).first!.decode("id")
                try await client.execute(
                    """
                    INSERT INTO outbox (message_id, channel, recipient, payload, status, attempts, last_error) VALUES
                      (\(modelReply), 'whatsapp', '+14155550100', '{}', 'failed', 6, 'Twilio 63016: outside the
                    24-hour window'),
                      (\(builtinReply), 'whatsapp', '+14155550100', '{}', 'sent', 1, NULL)
                    """)
            }

            let run = try await fte(["ticket", "show", CRMFixtures.escalatedTicket.uuidString])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            func line(after content: String) -> [String] {
                guard let index = lines.firstIndex(where: { $0.contains(content) }) else { return [] }
                return Array(lines[(index + 1)...].prefix { $0.hasPrefix("      ↳ ") })
            }
            #expect(line(after: "Reports need version 4.2.") == [
                "      ↳ answered by the model gemini-test-1 · 1234 tokens · 2.3 s (model 2.2 s)",
                "      ↳ tools: search_knowledge_base → 3 passages: Reports crash on old versions; send_response → sent",
                "      ↳ sources: guides/reports.md › Reports > Troubleshooting",
                "      ↳ outbox: failed after 6 attempts: Twilio 63016: outside the 24-hour window",
            ])
            // A delivered reply shows no outbox line; replies stored before traces show nothing.
            #expect(line(after: "Update the app from the store.") == [
                "      ↳ answered by the built-in responder · 850 ms",
                "      ↳ tools: search_knowledge_base → 1 confident passage",
            ])
            #expect(line(after: "our billing team will look").isEmpty)
            #expect(line(after: "Dear Jane, you can export").isEmpty)

            let json = try await fte(["ticket", "show", CRMFixtures.escalatedTicket.uuidString, "--format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let messages = try #require(object["messages"] as? [[String: Any]])
            let traced = try #require(messages.first { $0["model"] as? String == "gemini-test-1" })
            #expect(traced["answered_by"] as? String == "model")
            #expect(traced["tokens_used"] as? Int == 1234)
            #expect(traced["latency_ms"] as? Int == 2345)
            #expect(traced["model_latency_ms"] as? Int == 2210)
            #expect(traced["delivery_status"] as? String == "failed")
            let tools = try #require(traced["tool_calls"] as? [[String: Any]])
            #expect(tools.map { $0["name"] as? String } == ["search_knowledge_base", "send_response"])
            #expect(tools[0]["arguments"] as? String == #"{"query": "reports crash"}"#)
            let sources = try #require(traced["sources"] as? [[String: Any]])
            #expect(sources.count == 1)
            #expect(sources[0]["source"] as? String == "guides/reports.md")
            #expect(sources[0]["heading_path"] as? String == "Reports > Troubleshooting")
            #expect(sources[0]["chunk_id"] as? Int == 42)
            let outbox = try #require(traced["outbox"] as? [String: Any])
            #expect(outbox["status"] as? String == "failed")
            #expect(outbox["attempts"] as? Int == 6)
            #expect((outbox["last_error"] as? String)?.hasPrefix("Twilio 63016") == true)
            let builtin = try #require(messages.first { $0["answered_by"] as? String == "builtin" })
            #expect((builtin["outbox"] as? [String: Any])?["status"] as? String == "sent")
            let untraced = try #require(messages.first { ($0["content"] as? String)?.hasPrefix("Dear Jane") == true })
            #expect(untraced["answered_by"] == nil && untraced["outbox"] == nil)
            #expect((untraced["tool_calls"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func escalateAndResolveRecordWhoAndWhenAndRefuseImpossibleTransitions() async throws {
        try await withFixtures { db, fte in
            let id = CRMFixtures.openTicket.uuidString.lowercased()
            let escalate = try await fte(["ticket", "escalate", id, "--reason", "Customer disputes the charge", "--by", "lead-ana"])
            #expect(escalate.status == 0, "\(escalate.stderr)")
            #expect(try await status(of: CRMFixtures.openTicket, in: db) == "escalated")

            let again = try await fte(["ticket", "escalate", id, "--reason", "again", "--by", "lead-ana"])
            #expect(again.status == 1)
            #expect(again.stderrLines == ["error: ticket \(id) is already escalated; resolve it with `fte ticket resolve \(id) --note …`"])

            let resolve = try await fte(["ticket", "resolve", id, "--note", "Refunded by billing", "--by", "lead-bo"])
            #expect(resolve.status == 0, "\(resolve.stderr)")
            #expect(try await status(of: CRMFixtures.openTicket, in: db) == "resolved")

            let twice = try await fte(["ticket", "resolve", id, "--note", "x", "--by", "lead-bo"])
            #expect(twice.status == 1)
            #expect(twice.stderrLines.count == 1)
            #expect(twice.stderr.contains("is already resolved by lead-bo at"))
            let escalateResolved = try await fte(["ticket", "escalate", id, "--reason", "x"])
            #expect(escalateResolved.status == 1)
            #expect(escalateResolved.stderr.contains("a resolved ticket cannot be escalated"))

            let show = try await fte(["ticket", "show", id, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            let events = try #require(object["events"] as? [[String: Any]])
            #expect(events.map { $0["actor"] as? String } == ["lead-ana", "lead-bo"])
            #expect(events.map { $0["to_status"] as? String } == ["escalated", "resolved"])
            let escalations = try #require(object["escalations"] as? [[String: Any]])
            #expect(escalations.count == 1)
            #expect(escalations[0]["status"] as? String == "resolved")
            #expect(escalations[0]["summary"] as? String == "Customer disputes the charge")
            let ticket = try #require(object["ticket"] as? [String: Any])
            #expect(ticket["resolved_by"] as? String == "lead-bo")
            #expect(ticket["resolution_notes"] as? String == "Refunded by billing")
        }
    }

    @Test(arguments: [
        (["ticket", "show", "00000000-0000-0000-0000-000000000000"], Int32(1), "no ticket with id 00000000-0000-0000-0000-000000000000"),
        (["ticket", "show", "xyz"], 64, "not a ticket id: xyz"),
        (["ticket", "list", "--status", "bogus"], 64, "'bogus' is invalid for '--status <status>'"),
        (["ticket", "list", "--channel", "fax"], 64, "'fax' is invalid for '--channel <channel>'"),
        (["ticket", "list", "--customer", "nobody"], 64, "--customer must be an e-mail address or a phone number"),
        (["ticket", "list", "--since", "last tuesday"], 64, "--since must be a date"),
        (["ticket", "list", "--since", "99999999999999999h"], 64, "--since must be a date"),
        (["ticket", "list", "--since", "9999999999999h"], 64, "--since must be a date"),
        (["ticket", "list", "--since", "0000-01-01"], 64, "--since must be a date"),
        (["ticket", "list", "--since", "2026-02-30"], 64, "--since must be a date"),
        (["ticket", "list", "--limit", "0"], 64, "--limit must be between 1 and 10000"),
        (["ticket", "list", "--limit", "many"], 64, "'many' is invalid for '--limit <limit>'"),
        (["ticket", "escalate", "aaaaaaaa-0000-4000-8000-000000000001", "--reason", "  "], 64, "--reason must not be empty"),
        (["ticket", "resolve", "aaaaaaaa-0000-4000-8000-000000000001"], 64, "Missing expected argument '--note <note>'"),
        (["ticket", "resolve", "aaaaaaaa-0000-4000-8000-0000000000ff", "--note", "x"], 1, "no ticket with id"),
        (["ticket", "frobnicate"], 64, "Unexpected argument 'frobnicate'"),
    ])
    func badInputGivesOneLineAndChangesNothing(arguments: [String], exitStatus: Int32, message: String) async throws {
        try await withFixtures { db, fte in
            let run = try await fte(arguments)
            #expect(run.status == exitStatus, "\(run.stderr)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: "))
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try await status(of: CRMFixtures.openTicket, in: db) == "open")
        }
    }

    @Test func anUnreachableDatabaseIsOneLineWithoutSecrets() async throws {
        let run = try await FTEBinary.run(
            ["ticket", "list"], environment: ["FTE_DATABASE_URL": "postgres://fte:hunter2@127.0.0.1:1/fte"])
        #expect(run.status == 69)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix("error: cannot reach the database"))
        #expect(!run.stderr.contains("hunter2"))
        let badURL = try await FTEBinary.run(["ticket", "list"], environment: ["FTE_DATABASE_URL": "mysql://x:hunter2@h/db"])
        #expect(badURL.status == 64)
        #expect(!badURL.stderr.contains("hunter2"))
    }

    @Test(arguments: ["postgres://u:hunter2@[bad/db", "postgres://u:hunter2@host:notaport/db", "postgres://u:hunt%zzer2@127.0.0.1:1/db",
                      "postgres://u@127.0.0.1:1/db?password=hunter2&sslmode=bogus"])
    func aMalformedDatabaseURLIsOneLineWithoutItsPassword(url: String) async throws {
        let run = try await FTEBinary.run(["ticket", "list"], environment: ["FTE_DATABASE_URL": url])
        #expect(run.status != 0)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("hunter2") && !run.stderr.contains("zzer2"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrace"))
    }

    @Test func showMarksEachIdentifierVerifiedOrClaimedAndEachMessagesSender() async throws {
        try await withTestDatabase { db in
            let ticket = try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let form = try await intake.record(
                    ConversationIntakeTests.webForm("jane@example.com", phone: "+14155550100", name: "Jane"), sentiment: 0.5)
                _ = try await intake.record(ConversationIntakeTests.whatsApp("+14155550100", name: "Jane"), sentiment: 0.5)
                return form.ticketID
            }
            let env = ["FTE_DATABASE_URL": db.url]
            let text = try await FTEBinary.run(["ticket", "show", ticket.uuidString], environment: env)
            #expect(text.status == 0, "\(text.stderr)")
            for expected in [
                "whatsapp  +14155550100  verified (Twilio signature) ", "email     jane@example.com  claimed, linked ",
                "from +14155550100 (verified: Twilio signature)", "from jane@example.com (claimed)",
            ] {
                #expect(text.stdout.contains(expected), "missing \(expected) in\n\(text.stdout)")
            }
            let json = try await FTEBinary.run(["ticket", "show", ticket.uuidString, "--format", "json"], environment: env)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let identifiers = try #require((object["customer"] as? [String: Any])?["identifiers"] as? [[String: Any]])
            let whatsapp = try #require(identifiers.first { $0["type"] as? String == "whatsapp" })
            #expect(whatsapp["verified_by"] as? String == "twilio_signature")
            #expect(whatsapp["verified_at"] is String)
            let email = try #require(identifiers.first { $0["type"] as? String == "email" })
            #expect(email["verified"] as? Bool == false && email["verified_by"] == nil && email["linked_at"] is String)
        }
    }
}
