import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkCommandTests {
    static let jane = IncomingEvent.Customer(email: "jane@example.com", phone: "+14155550100", name: "Jane Doe")

    /// Counts of what the worker has done.
    /// The outbox as one line per row, for failure messages.
    static func outbox(_ client: Database) async throws -> String {
        try await client.query("SELECT channel, status, attempts, coalesce(last_error, '') AS error FROM outbox ORDER BY id").map {
            "\(try $0.decode("channel", as: String.self)) \(try $0.decode("status", as: String.self)) \(try $0.decode("attempts", as: Int.self)) \(try $0.decode("error", as: String.self))"
        }.joined(separator: "\n")
    }

    static func count(_ client: Database, _ sql: String) async throws -> Int {
        try await client.query(SQLQuery(unsafeSQL: "SELECT count(*) AS n FROM (\(sql)) rows")).first!.decode("n")
    }

    @Test func eachChannelGetsOneReplyDeliveredThroughIt() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let twilio = try await FakeTwilioServer.start()
                let oauth = try await FakeGoogleOAuthServer.start()
                let gmail = try await FakeGmailServer.start()
                let llm = try await ScriptedLLMServer.start { request in
                    // Answers every message with one search and a reply.
                    if request.messages.contains(where: { $0["role"]?.stringValue == "tool" }) {
                        return .toolCalls([.init(name: "send_response", arguments: #"{"message": "Use Forgot password? on the login page; the link is valid for 60 minutes."}"#)])
                    }
                    return .toolCalls([.init(name: "search_knowledge_base", arguments: #"{"query": "reset forgotten password"}"#)])
                }
                let embedder = try MemoizedTestEmbedder()
                _ = try await KnowledgeIngestor(database: client, embedder: embedder, chunker: embedder.makeChunker()).ingest([
                    SampleKnowledgeBase.folder.appendingPathComponent("account/resetting-your-password.txt").path,
                ])
                let mailID = gmail.addIncoming(GmailMessageFixture(
                    from: "Jane Doe <jane@example.com>", subject: "Password reset", body: "How do I reset my password?",
                    rfc822MessageID: "<first@mail.example.com>"))
                let webTicket = UUID()
                let publisher = PostgresEventPublisher(database: client)
                try await publisher.publish(IncomingEvent(
                    channel: .webForm, channelMessageID: webTicket.uuidString.lowercased(), customer: Self.jane,
                    subject: "Password reset", content: "How do I reset a forgotten password?", category: .technical))

                let worker = try await RunningWorker.start(databaseURL: db.url, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                    "FTE_TWILIO_ACCOUNT_SID": twilio.accountSID, "FTE_TWILIO_AUTH_TOKEN": twilio.authToken,
                    "FTE_TWILIO_WHATSAPP_FROM": twilio.whatsAppFrom, "FTE_TWILIO_API_BASE": twilio.apiBaseURL,
                    "FTE_GMAIL_ADDRESS": "support@fte.example", "FTE_GMAIL_API_BASE": gmail.baseURL,
                    "FTE_GMAIL_CLIENT_ID": oauth.clientID, "FTE_GMAIL_CLIENT_SECRET": oauth.clientSecret,
                    "FTE_GMAIL_REFRESH_TOKEN": oauth.refreshToken, "FTE_GOOGLE_OAUTH_URL": oauth.tokenURL,
                ])
                // Jane writes on the form first (giving her phone), then by WhatsApp and e-mail.
                #expect(try await RunningWorker.waitUntil { try await Self.count(client, "SELECT 1 FROM outbox") == 1 })
                try await publisher.publish(IncomingEvent(
                    channel: .whatsapp, channelMessageID: "SM" + String(repeating: "a", count: 32),
                    customer: .init(phone: "+14155550100", name: "Jane"), content: "How do I reset my password?"))
                try await publisher.publish(IncomingEvent(
                    channel: .email, channelMessageID: mailID, customer: .init(email: "jane@example.com", name: "Jane Doe"),
                    subject: "Password reset", content: "How do I reset my password?", threadID: mailID,
                    metadata: ["message_id": "<first@mail.example.com>"]))
                let delivered = try await RunningWorker.waitUntil {
                    try await Self.count(client, "SELECT 1 FROM outbox WHERE status = 'sent'") == 3
                }
                let stderr = worker.process.errorsSoFar
                try await worker.stop()
                #expect(delivered, "three replies delivered; worker log: \(stderr.suffix(2_000))")
                let outbox = try await Self.outbox(client)
                #expect(outbox.split(separator: "\n").count == 3, "outbox:\n\(outbox)\nworker log: \(stderr.suffix(3_000))")

                // WhatsApp: one Twilio message to Jane's number.
                #expect(twilio.messages.map(\.to) == ["whatsapp:+14155550100"])
                #expect(twilio.messages.first?.body?.contains("Forgot password") == true)
                // E-mail: a threaded reply, plus the web form's copy.
                let threaded = gmail.sentMessages.first { $0.requestedThreadID == mailID }
                #expect(threaded?.threadID == mailID)
                #expect(threaded?.email.headers["In-Reply-To"] == "<first@mail.example.com>")
                #expect(threaded?.email.headers["Subject"] == "Re: Password reset")
                #expect(gmail.sentMessages.count == 2, "the threaded reply and the web reply's e-mail copy")
                // Web: the status page's ticket answered by the model, with its trace.
                let web = try await client.query(
                    """
                    SELECT m.answered_by, m.model, m.tokens_used, jsonb_array_length(m.sources) AS sources, m.delivery_status
                    FROM messages m WHERE m.ticket_id = \(webTicket) AND m.direction = 'outbound' AND m.channel = 'web_form'
                    """).first
                #expect(try web?.decode("answered_by", as: String.self) == "model")
                #expect(try web?.decode("model", as: String.self) == LLMSettings.defaultModel)
                #expect(try (web?.decode("sources", as: Int.self) ?? 0) > 0)
                let webStatus = try web?.decode("delivery_status", as: String.self)
                #expect(webStatus == "delivered", "web reply status \(webStatus ?? "none")")
                #expect(try await Self.count(client, "SELECT DISTINCT customer_id FROM conversations") == 1)
                await llm.shutdown()
                await gmail.shutdown()
                await oauth.shutdown()
                await twilio.shutdown()
            }
        }
    }

    @Test func killedWorkersLoseNothingAndNeverReplyTwice() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let publisher = PostgresEventPublisher(database: client)
                var published: [IncomingEvent] = []
                for index in 0..<60 {
                    let event = IncomingEvent(
                        channel: .email, channelMessageID: "mail-\(index)",
                        customer: .init(email: "customer\(index % 12)@example.com"), subject: "Question \(index)",
                        content: "Message number \(index) about my workspace settings.")
                    published.append(event)
                    try await publisher.publish(event)
                }
                let environment = ["FTE_WORKER_LEASE_SECONDS": "1", "FTE_WORKER_CONCURRENCY": "8"]
                for round in 0..<4 {
                    let worker = try await RunningWorker.start(databaseURL: db.url, environment: environment)
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...600)))
                    if round < 3 { await worker.kill() } else {
                        let done = try await RunningWorker.waitUntil {
                            try await Self.count(client, "SELECT 1 FROM event_queue") == 0
                        }
                        try await worker.stop()
                        #expect(done, "the queue drained after \(round) kills")
                    }
                }
                let replies = try await client.query(
                    """
                    SELECT i.channel_message_id, count(o.id) AS replies
                    FROM messages i LEFT JOIN messages o ON o.reply_to_message_id = i.id
                    WHERE i.direction = 'inbound' GROUP BY i.channel_message_id
                    """)
                #expect(replies.count == published.count, "every message was stored")
                #expect(try replies.allSatisfy { try $0.decode("replies", as: Int.self) == 1 }, "exactly one reply each")
                #expect(try await Self.count(client, "SELECT 1 FROM outbox") == published.count)
                // Each customer's messages were stored in the order they were sent.
                let order = try await client.query(
                    """
                    SELECT c.customer_id, array_agg(i.channel_message_id ORDER BY i.created_at) AS ids
                    FROM messages i JOIN conversations c ON c.id = i.conversation_id
                    WHERE i.direction = 'inbound' GROUP BY c.customer_id
                    """)
                for row in order {
                    let ids = try row.decode("ids", as: String.self)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",")
                        .compactMap { Int($0.dropFirst("mail-".count)) }
                    #expect(ids == ids.sorted(), "in order: \(ids)")
                }
            }
        }
    }

    @Test func duplicatesAndPoisonEventsProduceNothingNew() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let event = IncomingEvent(
                    channel: .whatsapp, channelMessageID: "SM" + String(repeating: "b", count: 32),
                    customer: .init(phone: "+14155550100"), content: "Hello, is anyone there?")
                try await PostgresEventPublisher(database: client).publish(event)
                let worker = try await RunningWorker.start(databaseURL: db.url)
                #expect(try await RunningWorker.waitUntil { try await Self.count(client, "SELECT 1 FROM outbox") == 1 })
                // Twilio redelivers the same message (a new event id), and a broken producer writes garbage.
                var redelivered = event
                redelivered.eventID = UUID()
                try await PostgresEventPublisher(database: client).publish(redelivered)
                try await client.execute(
                    """
                    INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload)
                    VALUES (gen_random_uuid(), 'email', 'garbage-1', 'x@example.com', '{"not": "an event"}')
                    """)
                // …and an event the CRM can never store: it names no address to find the customer by.
                let anonymous = IncomingEvent(channel: .whatsapp, channelMessageID: "SM-anonymous", customer: .init(), content: "hi")
                try await client.execute(
                    """
                    INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload)
                    VALUES (gen_random_uuid(), 'whatsapp', 'SM-anonymous', 'anonymous', \(String(decoding: try anonymous.encoded(), as: UTF8.self))::jsonb)
                    """)
                #expect(try await RunningWorker.waitUntil { try await Self.count(client, "SELECT 1 FROM event_queue") == 0 })
                try await worker.stop()
                #expect(try await Self.count(client, "SELECT 1 FROM outbox") == 1)
                #expect(try await Self.count(client, "SELECT 1 FROM messages WHERE direction = 'inbound'") == 1)
                let dead = try await client.query(
                    "SELECT channel_message_id, error, attempts FROM event_dead_letters ORDER BY channel_message_id")
                #expect(try dead.map { try $0.decode("channel_message_id", as: String.self) } == ["SM-anonymous", "garbage-1"])
                #expect(try dead.allSatisfy { try $0.decode("error", as: String.self).contains("invalid event") })
                #expect(try dead.first?.decode("error", as: String.self).contains("names no e-mail address or phone number") == true)
                #expect(try dead.first?.decode("attempts", as: Int.self) == 1, "never retried")
            }
        }
    }

    @Test func sigtermLetsTheMessagesInFlightFinish() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                // A slow model: every answer takes 1.5 s, so messages are in flight when SIGTERM comes.
                let llm = try await ScriptedLLMServer.start { _ in
                    .after(.milliseconds(1_500), .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thanks, noted."}"#)]))
                }
                let twilio = try await FakeTwilioServer.start()
                let worker = try await RunningWorker.start(databaseURL: db.url, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                    "FTE_TWILIO_ACCOUNT_SID": twilio.accountSID, "FTE_TWILIO_AUTH_TOKEN": twilio.authToken,
                    "FTE_TWILIO_WHATSAPP_FROM": twilio.whatsAppFrom, "FTE_TWILIO_API_BASE": twilio.apiBaseURL,
                ])
                for index in 0..<3 {
                    try await PostgresEventPublisher(database: client).publish(IncomingEvent(
                        channel: .whatsapp, channelMessageID: "SM" + String(repeating: "\(index)", count: 32),
                        customer: .init(phone: "+1415555010\(index)"),
                        content: "Just letting you know the new board layout works well."))
                }
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(10)) {
                    try await Self.count(client, "SELECT 1 FROM messages WHERE direction = 'inbound'") == 3
                })
                let result = try await worker.stop()
                #expect(result.status == 0, "a clean exit: \(result.stderr.suffix(1_000))")
                #expect(try await Self.count(client, "SELECT 1 FROM messages WHERE direction = 'outbound'") == 3)
                #expect(try await Self.count(client, "SELECT 1 FROM event_queue") == 0)
                let outbox = try await Self.outbox(client)
                #expect(try await Self.count(client, "SELECT 1 FROM outbox WHERE status = 'sent'") == 3,
                        "their replies went out before the exit: \(outbox)\n\(result.stderr.suffix(3_000))")
                #expect(twilio.messages.count == 3)
                await llm.shutdown()
                await twilio.shutdown()
            }
        }
    }

    @Test func withoutGmailAWebReplyIsDeliveredByStoringIt() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let llm = try await ScriptedLLMServer.start { _ in
                    .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thanks, noted."}"#)])
                }
                let worker = try await RunningWorker.start(databaseURL: db.url, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                ])
                let ticket = UUID()
                try await PostgresEventPublisher(database: client).publish(IncomingEvent(
                    channel: .webForm, channelMessageID: ticket.uuidString.lowercased(), customer: .init(email: "c@example.com"),
                    content: "Just letting you know the new board layout works well."))
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(10)) {
                    try await Self.count(client, "SELECT 1 FROM messages WHERE direction = 'outbound' AND delivery_status = 'delivered'") == 1
                })
                let result = try await worker.stop()
                #expect(result.status == 0, "a clean exit: \(result.stderr.suffix(1_000))")
                let outbox = try await Self.outbox(client)
                #expect(try await Self.count(client, "SELECT 1 FROM outbox") == 0, "nothing to send: \(outbox)")
                #expect(try await Self.count(client, "SELECT 1 FROM messages WHERE ticket_id = '\(ticket.uuidString.lowercased())' AND direction = 'outbound'") == 1)
                await llm.shutdown()
            }
        }
    }
}
