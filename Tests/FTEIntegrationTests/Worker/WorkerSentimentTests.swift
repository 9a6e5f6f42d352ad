import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte work` end to end on the web form: the model's sentiment is stored beside the local one, a
/// thank-you is acknowledged without the model, and an angry all-caps repeat is escalated with
/// its signals.
@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkerSentimentTests {
    static func count(_ client: Database, _ sql: String) async throws -> Int {
        try await client.query(SQLQuery(unsafeSQL: "SELECT count(*) AS n FROM (\(sql)) rows")).first!.decode("n")
    }

    @Test func scoresAreStoredAndThanksAndAngerAreHandledByRule() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let llm = try await ScriptedLLMServer.start { _ in
                    .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thanks, noted.", "customer_sentiment": 0.25}"#)])
                }
                let worker = try await RunningWorker.start(databaseURL: db.url, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                ])
                let publisher = PostgresEventPublisher(database: client)
                let customer = IncomingEvent.Customer(email: "ravi@example.com", name: "Ravi")
                // Web-form messages: a stored reply is a delivered one (no provider needed).
                func webForm(_ id: Int, _ text: String) async throws {
                    try await publisher.publish(IncomingEvent(
                        channel: .webForm, channelMessageID: UUID().uuidString.lowercased(), customer: customer,
                        subject: "Boards", content: text))
                    #expect(try await RunningWorker.waitUntil(timeout: .seconds(20)) {
                        try await Self.count(client, "SELECT 1 FROM messages WHERE direction = 'outbound'") == id
                    })
                }
                try await webForm(1, "Just letting you know the new board layout works well.")
                let first = try #require(try await client.query(
                    "SELECT sentiment::float8 AS local, model_sentiment::float8 AS model FROM messages WHERE direction = 'inbound'").first)
                #expect(try first.decode("model", as: Double?.self).map { abs($0 - 0.25) < 0.001 } == true, "the model's score is kept")
                #expect(try first.decode("local", as: Double.self) > 0.5, "the local score is the assessor's")
                let modelCalls = llm.requestCount

                try await webForm(2, "thanks, that worked!")
                #expect(llm.requestCount == modelCalls, "a thank-you needs no model")
                #expect(try await Self.count(client, "SELECT 1 FROM messages WHERE content LIKE '%You''re welcome%'") == 1)

                try await webForm(3, "STILL NOT WORKING!! THIRD TIME I WRITE")
                let reasons: [String] = try await client.query("SELECT reason || ': ' || coalesce(summary, '') AS r FROM escalations ORDER BY created_at").map { try $0.decode("r") }
                let escalation = try #require(try await client.query("SELECT reason, summary FROM escalations ORDER BY created_at DESC").first)
                #expect(try escalation.decode("reason", as: String.self) == "negative_sentiment", "\(reasons)")
                #expect(try escalation.decode("summary", as: String.self).contains("Signals:"))
                #expect(try await Self.count(client, "SELECT 1 FROM escalations") == 1, "the thank-you was not escalated")
                _ = try await worker.stop()
                await llm.shutdown()
            }
        }
    }
}
