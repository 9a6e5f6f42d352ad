import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte mcp` over stdio, driven by the official Python MCP SDK against a seeded database: every
/// tool, resource and prompt, the write tools with and without `--allow-writes`, malformed
/// arguments, and the agent's reply rules.
@Suite(.timeLimit(.minutes(5))) struct MCPStdioTests {
    typealias Client = MCPClientScript
    static let readTools = ["search_knowledge_base", "get_customer_history", "list_tickets", "show_ticket"]
    static let writeTools = ["reply_to_ticket", "escalate_ticket", "resolve_ticket"]

    private func count(_ db: TestDatabase, _ sql: String) async throws -> Int {
        try await db.withClient { try await $0.query(SQLQuery(unsafeSQL: "SELECT count(*)::int AS n FROM (\(sql)) rows"))[0].decode("n") }
    }

    @Test func aReadOnlyServerAnswersEveryReadToolResourceAndPrompt() async throws {
        try await withTestDatabase { db in
            let environment = try await MCPDeskFixture.seed(db)
            let jane = CRMFixtures.jane.lowercasedString
            let escalated = CRMFixtures.escalatedTicket.lowercasedString
            let report = try await Client.overStdio([
                Client.listTools,
                Client.call("search_knowledge_base", ["query": "Can I get my money back after I was charged twice?", "k": 3]),
                Client.call("search_knowledge_base", ["query": "forgot my password", "category": "account"]),
                Client.call("search_knowledge_base", ["query": "refund", "category": "no-such-category"]),
                Client.call("get_customer_history", ["email": "JANE@example.com"]),
                Client.call("get_customer_history", ["phone": "+1 415 555 0100", "limit": 2]),
                Client.call("get_customer_history", ["customer_id": .string(jane)]),
                Client.call("list_tickets", ["status": "escalated"]),
                Client.call("list_tickets", ["customer": "jane@example.com", "since": "24h"]),
                Client.call("list_tickets", ["channel": "email", "limit": 1]),
                Client.call("show_ticket", ["ticket_id": .string(escalated)]),
                Client.listResources,
                Client.listResourceTemplates,
                Client.read("kb://billing/refund-policy.html"),
                Client.read("ticket://\(escalated)"),
                Client.listPrompts,
                Client.prompt("draft_reply", ["ticket_id": escalated]),
                Client.prompt("summarise_customer", ["customer": "+14155550100"]),
            ], environment: environment)
            let r = report.results
            try #require(r.count == 18, "\(report.stderr)")

            #expect(report.json["server"]?["name"]?.stringValue == "fte")
            #expect(report.json["instructions"]?.stringValue?.contains("read-only") == true)
            #expect(report.toolNames == Self.readTools, "write tools are not listed without --allow-writes")
            for tool in r[0]["tools"]?.arrayValue ?? [] {
                #expect(tool["inputSchema"]?["type"]?.stringValue == "object")
                #expect((tool["description"]?.stringValue?.count ?? 0) > 80, "a description written for a model")
                #expect(tool["annotations"]?["readOnlyHint"]?.boolValue == true)
            }
            #expect(r[0]["tools"]?[0]?["inputSchema"]?["required"] == ["query"])

            // search_knowledge_base: the refund policy answers a double charge, with its source and URI.
            #expect(!r[1].isToolError, "\(r[1].toolText)")
            let passages = r[1]["structuredContent"]?["passages"]?.arrayValue ?? []
            #expect(passages.count == 3)
            #expect(passages.first?["source"]?.stringValue == "billing/refund-policy.html")
            #expect(passages.first?["uri"]?.stringValue == "kb://billing/refund-policy.html")
            #expect(passages.first?["heading_path"]?.stringValue?.isEmpty == false)
            #expect((passages.first?["similarity"]?.doubleValue ?? 0) > 0.35)
            #expect(r[1].toolText.contains("\"passages\""), "the JSON is also the text content")
            let accountSources = Set((r[2]["structuredContent"]?["passages"]?.arrayValue ?? []).compactMap { $0["category"]?.stringValue })
            #expect(accountSources == ["account"])
            #expect(r[3]["structuredContent"]?["passages"] == [])
            #expect(r[3]["structuredContent"]?["note"]?.stringValue?.contains("the categories are: account, billing") == true)

            // get_customer_history: by e-mail (any case), phone (normalised) or id, across channels.
            for history in r[4...6] {
                #expect(!history.isToolError, "\(history.toolText)")
                #expect(history["structuredContent"]?["customer"]?["id"]?.stringValue == jane)
            }
            let identifiers = r[4]["structuredContent"]?["customer"]?["identifiers"]?.arrayValue ?? []
            #expect(identifiers.contains { $0["type"] == "whatsapp" && $0["verified"] == true })
            let messages = r[4]["structuredContent"]?["messages"]?.arrayValue ?? []
            #expect(Set(messages.compactMap { $0["channel"]?.stringValue }) == ["web_form", "whatsapp", "email"])
            #expect(messages.first?["content"]?.stringValue == "I was charged twice this month.", "oldest first")
            #expect(r[5]["structuredContent"]?["messages"]?.arrayValue?.count == 2)
            #expect(r[5]["structuredContent"]?["messages"]?[1]?["content"]?.stringValue == "Dear Jane, you can export from Settings > Data.")
            #expect(r[6]["structuredContent"]?["tickets"]?.arrayValue?.count == 3)

            // list_tickets: the filters of `fte ticket list`.
            #expect(r[7]["structuredContent"]?["tickets"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [escalated])
            #expect(r[8]["structuredContent"]?["count"]?.intValue == 3)
            #expect(r[9]["structuredContent"]?["tickets"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                == [CRMFixtures.resolvedTicket.lowercasedString])

            // show_ticket: the trace of `fte ticket show`.
            let detail = r[10]["structuredContent"]
            #expect(detail?["ticket"]?["status"]?.stringValue == "escalated")
            #expect(detail?["customer"]?["name"]?.stringValue == "Jane Doe")
            #expect(detail?["messages"]?.arrayValue?.count == 5)
            #expect(detail?["escalations"]?[0]?["reason"]?.stringValue == "no_relevant_info")

            // Resources: every document, then the tickets; both templates; a document as Markdown.
            let uris = r[11]["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
            #expect(uris.prefix(3) == ["kb://account/exporting-your-data.md", "kb://account/resetting-your-password.txt", "kb://billing/refund-policy.html"])
            #expect(uris.filter { $0.hasPrefix("ticket://") }.count == 4)
            #expect(r[12]["resourceTemplates"]?.arrayValue?.compactMap { $0["uriTemplate"]?.stringValue } == ["kb://{+source}", "ticket://{ticket_id}"])
            let document = r[13]["contents"]?[0]
            #expect(document?["mimeType"]?.stringValue == "text/markdown")
            let markdown = document?["text"]?.stringValue ?? ""
            #expect(markdown.hasPrefix("# Refund policy\n\n"))
            #expect(markdown.contains("refunds are decided and processed only by the Nimbus Labs billing team"))
            let ticketJSON = try JSONValue(parsing: r[14]["contents"]?[0]?["text"]?.stringValue ?? "")
            #expect(ticketJSON["ticket"]?["id"]?.stringValue == escalated)

            // Prompts: the ticket as an embedded resource, the customer's history as text.
            #expect(r[15]["prompts"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["draft_reply", "summarise_customer"])
            let draft = r[16]["messages"]?.arrayValue ?? []
            #expect(draft.first?["content"]?["resource"]?["uri"]?.stringValue == "ticket://\(escalated)")
            #expect(draft.last?["content"]?["text"]?.stringValue?.contains("Never quote prices") == true)
            #expect(draft.last?["content"]?["text"]?.stringValue?.contains("cannot send replies") == true)
            #expect(r[17]["messages"]?[0]?["content"]?["text"]?.stringValue?.contains("jane@example.com") == true)
        }
    }

    @Test func malformedArgumentsAreToolErrorsThatNameTheField() async throws {
        try await withTestDatabase { db in
            let environment = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            let unknownTicket = UUID().uuidString
            let cases: [(tool: String, arguments: JSONValue, message: String)] = [
                ("search_knowledge_base", [:], "missing required argument `query`"),
                ("search_knowledge_base", ["query": "   "], "missing required argument `query`"),
                ("search_knowledge_base", ["query": 42], "invalid argument `query`: must be a string (got a number)"),
                ("search_knowledge_base", ["query": "refund", "k": 0], "invalid argument `k`: must be from 1 to 10 (got 0)"),
                ("search_knowledge_base", ["query": "refund", "k": 11], "invalid argument `k`: must be from 1 to 10 (got 11)"),
                ("search_knowledge_base", ["query": "refund", "k": "five"], "invalid argument `k`: must be a whole number from 1 to 10 (got \"five\")"),
                ("search_knowledge_base", ["query": "refund", "k": 2.5], "invalid argument `k`: must be a whole number"),
                ("search_knowledge_base", ["query": .string(String(repeating: "a", count: 1_001))], "invalid argument `query`: must be at most 1000 characters (got 1001)"),
                ("search_knowledge_base", ["query": "a\u{0}b"], "invalid argument `query`: must not contain NUL characters"),
                ("search_knowledge_base", ["query": "refund", "limit": 3], "unknown argument `limit`: search_knowledge_base takes only `category`, `k`, `query`"),
                ("get_customer_history", [:], "give exactly one of `email`, `phone` or `customer_id` (got none)"),
                ("get_customer_history", ["email": "jane@example.com", "phone": "+14155550100"], "give exactly one of `email`, `phone` or `customer_id` (got `email` and `phone`)"),
                ("get_customer_history", ["email": "jane at example"], "invalid argument `email`: must be an e-mail address"),
                ("get_customer_history", ["phone": "call me"], "invalid argument `phone`: must be a phone number in international form"),
                ("get_customer_history", ["customer_id": "42"], "invalid argument `customer_id`: must be a customer id"),
                ("get_customer_history", ["email": "nobody@example.com"], "no customer is known by that e-mail address: nobody@example.com"),
                ("get_customer_history", ["email": "jane@example.com", "limit": 101], "invalid argument `limit`: must be from 1 to 100 (got 101)"),
                ("list_tickets", ["status": "closed"], "invalid argument `status`: must be one of open, processing, resolved, escalated (got \"closed\")"),
                ("list_tickets", ["channel": "fax"], "invalid argument `channel`: must be one of email, whatsapp, web_form (got \"fax\")"),
                ("list_tickets", ["since": "last tuesday"], "invalid argument `since`: must be a date"),
                ("list_tickets", ["customer": "jane"], "invalid argument `customer`: must be an e-mail address, a phone number"),
                ("list_tickets", ["limit": 500], "invalid argument `limit`: must be from 1 to 200 (got 500)"),
                ("list_tickets", ["status": ["open"]], "invalid argument `status`: must be a string (got an array)"),
                ("show_ticket", [:], "missing required argument `ticket_id`"),
                ("show_ticket", ["ticket_id": "1234"], "invalid argument `ticket_id`: must be a ticket id, a UUID"),
                ("show_ticket", ["ticket_id": .string(unknownTicket)], "no ticket with id \(unknownTicket.lowercased())"),
            ]
            let steps = cases.map { Client.call($0.tool, $0.arguments) } + [
                Client.call("no_such_tool"),
                Client.read("kb://nothing/here.md"),
                Client.read("ticket://\(unknownTicket)"),
                Client.read("file:///etc/passwd"),
                Client.prompt("draft_reply", [:]),
                Client.prompt("draft_reply", ["ticket_id": "nope"]),
                Client.prompt("summarise_customer", ["customer": "nobody@example.com"]),
                Client.prompt("write_a_poem", [:]),
                Client.call("list_tickets"),
            ]
            let report = try await Client.overStdio(steps, environment: environment)
            let r = report.results
            try #require(r.count == steps.count, "\(report.stderr)")
            for (index, expected) in cases.enumerated() {
                #expect(r[index].isToolError, "\(expected.tool) \(expected.arguments.jsonString) was accepted")
                #expect(r[index].toolText.contains(expected.message), "\(expected.tool) \(expected.arguments.jsonString): \(r[index].toolText)")
            }
            let rest = Array(r[cases.count...])
            #expect(rest[0].rpcError?.code == -32602 && rest[0].rpcError?.message.contains("unknown tool \"no_such_tool\"") == true)
            #expect(rest[1].rpcError?.code == -32002 && rest[1].rpcError?.message.contains("no knowledge-base document kb://nothing/here.md") == true)
            #expect(rest[2].rpcError?.code == -32002)
            #expect(rest[3].rpcError?.code == -32602, "\(rest[3])")
            #expect(rest[4].rpcError?.message.contains("missing required argument `ticket_id`") == true)
            #expect(rest[5].rpcError?.message.contains("invalid argument `ticket_id`") == true)
            #expect(rest[6].rpcError?.message.contains("no customer is known by nobody@example.com") == true)
            #expect(rest[7].rpcError?.message.contains("unknown prompt") == true)
            // After all of that the server still answers.
            #expect(rest[8]["structuredContent"]?["count"]?.intValue == 4)
            #expect(!report.stderr.contains("Fatal") && !report.stderr.contains("internal error"), "\(report.stderr)")
        }
    }

    @Test func writeToolsAreOfferedOnlyWithAllowWritesAndRefusedWithoutIt() async throws {
        try await withTestDatabase { db in
            let environment = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            let open = CRMFixtures.openTicket.lowercasedString
            let steps = [
                Client.listTools,
                Client.call("reply_to_ticket", ["ticket_id": .string(open), "message": "Your duplicate charge is with billing."]),
                Client.call("escalate_ticket", ["ticket_id": .string(open), "reason": "Needs billing"]),
                Client.call("resolve_ticket", ["ticket_id": .string(open), "note": "Done"]),
            ]
            // The fixture's escalated ticket has its own event; the refused writes add none.
            let eventsBefore = try await count(db, "SELECT 1 FROM ticket_events")
            let readOnly = try await Client.overStdio(steps, environment: environment)
            #expect(readOnly.toolNames == Self.readTools)
            for refused in readOnly.results.dropFirst() {
                #expect(refused.isToolError)
                #expect(refused.toolText.contains("read-only") && refused.toolText.contains("fte mcp --allow-writes"), "\(refused.toolText)")
            }
            #expect(try await count(db, "SELECT 1 FROM messages WHERE role = 'human'") == 0)
            #expect(try await count(db, "SELECT 1 FROM ticket_events") == eventsBefore)
            #expect(try await count(db, "SELECT 1 FROM tickets WHERE status = 'open'") == 1)

            let writable = try await Client.overStdio(steps.prefix(1) + [steps[1]], fteArguments: ["--allow-writes"], environment: environment)
            #expect(writable.toolNames == Self.readTools + Self.writeTools)
            #expect(writable.json["instructions"]?.stringValue?.contains("no prices") == true)
            let writeAnnotations = writable.results[0]["tools"]?.arrayValue?.last?["annotations"]
            #expect(writeAnnotations?["readOnlyHint"]?.boolValue == false)
            #expect(!writable.results[1].isToolError, "\(writable.results[1].toolText)")
            #expect(try await count(db, "SELECT 1 FROM messages WHERE role = 'human'") == 1)
        }
    }

    @Test func writesTakeTheCLIsCodePathsAndRecordTheActor() async throws {
        try await withTestDatabase { db in
            let environment = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            let (open, omar) = (CRMFixtures.openTicket.lowercasedString, CRMFixtures.omarTicket.lowercasedString)
            let message = "Hello Jane, the second charge of this month is a duplicate, and our billing team has it."
            let report = try await Client.overStdio([
                Client.call("reply_to_ticket", ["ticket_id": .string(open), "message": .string(message)]),
                Client.call("escalate_ticket", ["ticket_id": .string(omar), "reason": "Export bug needs engineering"]),
                Client.call("escalate_ticket", ["ticket_id": .string(omar), "reason": "Again"]),
                Client.call("resolve_ticket", ["ticket_id": .string(omar), "note": "Fixed in 4.2"]),
                Client.call("resolve_ticket", ["ticket_id": .string(omar), "note": "Twice"]),
                Client.call("reply_to_ticket", ["ticket_id": .string(omar), "message": "It is fixed in 4.2.", "resolve": true]),
            ], fteArguments: ["--allow-writes"], environment: environment)
            let r = report.results
            try #require(r.count == 6, "\(report.stderr)")

            // The reply: as `fte ticket reply` queues it, under the client's name from the handshake.
            #expect(!r[0].isToolError, "\(r[0].toolText)")
            let reply = r[0]["structuredContent"]
            #expect(reply?["actor"]?.stringValue == "mcp:mcp", "the Python SDK introduces itself as \"mcp\"")
            #expect(reply?["reply"]?["channel"]?.stringValue == "web_form")
            #expect(reply?["reply"]?["recipient"]?.stringValue == "jane@example.com")
            #expect(reply?["reply"]?["ticket"]?["status"]?.stringValue == "processing")
            try await db.withClient { client in
                let rows = try await client.query(
                    """
                    SELECT m.role, m.answered_by, m.metadata->>'actor' AS actor, m.content, o.recipient, o.status
                    FROM messages m JOIN outbox o ON o.message_id = m.id WHERE m.ticket_id = \(CRMFixtures.openTicket)
                    """)
                #expect(rows.count == 1)
                #expect(try rows.first?.decode("role", as: String.self) == "human")
                #expect(try rows.first?.decode("actor", as: String.self) == "mcp:mcp")
                #expect(try rows.first?.decode("content", as: String.self) == message)
                #expect(try rows.first?.decode("status", as: String.self) == "pending")
                let event = try await client.query(
                    "SELECT kind, actor, note FROM ticket_events WHERE ticket_id = \(CRMFixtures.openTicket)")
                #expect(try event.first?.decode("actor", as: String.self) == "mcp:mcp")
                #expect(try event.first?.decode("note", as: String.self) == "replied by web form to jane@example.com")
            }

            // Escalate, then resolve: each once; the second of each is refused with the reason.
            #expect(r[1]["structuredContent"]?["ticket"]?["status"]?.stringValue == "escalated")
            #expect(r[2].isToolError && r[2].toolText.contains("is already escalated"), "\(r[2].toolText)")
            #expect(r[3]["structuredContent"]?["ticket"]?["status"]?.stringValue == "resolved")
            #expect(r[3]["structuredContent"]?["ticket"]?["resolved_by"]?.stringValue == "mcp:mcp")
            #expect(r[4].isToolError && r[4].toolText.contains("is already resolved by mcp:mcp"), "\(r[4].toolText)")
            #expect(!r[5].isToolError, "a resolved ticket can still be answered: \(r[5].toolText)")
            try await db.withClient { client in
                let escalation = try await client.query(
                    "SELECT reason, summary, created_by, status FROM escalations WHERE ticket_id = \(CRMFixtures.omarTicket)")
                #expect(escalation.count == 1)
                #expect(try escalation.first?.decode("created_by", as: String.self) == "mcp:mcp")
                #expect(try escalation.first?.decode("summary", as: String.self) == "Export bug needs engineering")
                #expect(try escalation.first?.decode("status", as: String.self) == "resolved")
                let events = try await client.query(
                    "SELECT kind || ':' || actor AS e FROM ticket_events WHERE ticket_id = \(CRMFixtures.omarTicket) ORDER BY id")
                #expect(try events.map { try $0.decode("e", as: String.self) } == ["escalated:mcp:mcp", "resolved:mcp:mcp", "note:mcp:mcp"])
            }

            // --by (or FTE_ACTOR) names a person instead of the client.
            var named = environment
            named["FTE_ACTOR"] = "lead-ana"
            let byEnvironment = try await Client.overStdio(
                [Client.call("escalate_ticket", ["ticket_id": .string(open), "reason": "Billing must confirm"])],
                fteArguments: ["--allow-writes"], environment: named)
            #expect(byEnvironment.results.first?["structuredContent"]?["actor"]?.stringValue == "lead-ana")
            let byFlag = try await Client.overStdio(
                [Client.call("resolve_ticket", ["ticket_id": .string(open), "note": "Refunded by billing"])],
                fteArguments: ["--allow-writes", "--by", "ana"], environment: named)
            #expect(byFlag.results.first?["structuredContent"]?["ticket"]?["resolved_by"]?.stringValue == "ana")
        }
    }

    @Test func repliesThatBreakTheAgentsRulesAreRefusedAndNothingIsQueued() async throws {
        try await withTestDatabase { db in
            var environment = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            environment["FTE_COMPETITORS"] = "Zendesk,Help Scout"
            let (open, escalated) = (CRMFixtures.openTicket.lowercasedString, CRMFixtures.escalatedTicket.lowercasedString)
            let refused: [(ticket: String, message: String, reason: String)] = [
                (open, "The Business plan is $12 per seat, so upgrading fixes it.", "states a price (“$12”)"),
                (open, "That would come to 49 USD a year.", "states a price"),
                (open, "Unlike Zendesk, our boards sync instantly.", "names “Zendesk”"),
                (open, "You could also try help scout for that.", "names “help scout”"),
                (open, "I have refunded the second charge.", "you cannot process refunds"),
                (open, "Good news: your refund has been processed.", "you cannot process refunds"),
                (open, "I've forwarded this to our billing team.", "the conversation was not escalated"),
                (open, "I'll get back to you on Monday.", "you cannot follow up later yourself"),
            ]
            let allowed: [(ticket: String, message: String)] = [
                // The ticket is escalated: saying so is true.
                (escalated, "I've forwarded this to our engineering team; they are looking at the crash."),
                (open, "Refunds are decided by our billing team; they review duplicate charges individually."),
            ]
            let steps = refused.map { Client.call("reply_to_ticket", ["ticket_id": .string($0.ticket), "message": .string($0.message)]) }
                + allowed.map { Client.call("reply_to_ticket", ["ticket_id": .string($0.ticket), "message": .string($0.message)]) }
            let report = try await Client.overStdio(steps, fteArguments: ["--allow-writes"], environment: environment)
            let r = report.results
            try #require(r.count == steps.count, "\(report.stderr)")
            for (index, expected) in refused.enumerated() {
                #expect(r[index].isToolError, "accepted: \(expected.message)")
                #expect(r[index].toolText.hasPrefix("the reply was not sent: it breaks the support rules."))
                #expect(r[index].toolText.contains(expected.reason), "\(expected.message): \(r[index].toolText)")
            }
            for (index, expected) in allowed.enumerated() {
                #expect(!r[refused.count + index].isToolError, "\(expected.message): \(r[refused.count + index].toolText)")
            }
            #expect(try await count(db, "SELECT 1 FROM messages WHERE role = 'human'") == allowed.count)
            #expect(try await count(db, "SELECT 1 FROM outbox") == allowed.count)
        }
    }

    @Test func aClientThatClosesItsInputRightAfterAWriteStillGetsItDoneAndAnswered() async throws {
        try await withTestDatabase { db in
            let environment = try await MCPDeskFixture.seed(db, knowledgeBase: false)
            // Raw JSON-RPC lines, as `echo … | fte mcp` would send them, then end of input.
            let lines = [
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"shell\u0007 script\n","version":"1"}}}"#,
                #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
                #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"resolve_ticket","arguments":{"ticket_id":"\#(CRMFixtures.omarTicket.lowercasedString)","note":"Fixed in 4.2"}}}"#,
                "this is not JSON",
            ]
            let input = FileManager.default.temporaryDirectory.appendingPathComponent("fte-mcp-\(UUID().uuidString).jsonl")
            try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: input) }
            var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "USER": "tester"]
            env.merge(environment) { $1 }
            let run = try await RunningProcess(
                executable: "/bin/sh", arguments: ["-c", #"exec "$0" mcp --allow-writes < "$1""#, FTEBinary.path, input.path],
                environment: env
            ).wait()
            #expect(run.status == 0, "\(run.stderr)")
            let answers = try run.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
            let resolved = answers.first { $0["id"] == 2 }
            #expect(resolved?["result"]?["isError"]?.boolValue == false, "\(run.stdout)")
            #expect(resolved?["result"]?["structuredContent"]?["actor"]?.stringValue == "mcp:shell script", "control characters dropped")
            #expect(answers.contains { $0["error"]?["code"]?.intValue == -32700 }, "a parse error for the line that is not JSON")
            let status = try await db.withClient {
                try await $0.query("SELECT status FROM tickets WHERE id = \(CRMFixtures.omarTicket)")[0].decode("status", as: String.self)
            }
            #expect(status == "resolved")
        }
    }
}
