import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte work` escalates with the learned scorer over the word rules: a refund asked for in words
/// no rule knows goes to a person before the model, and the summary says the scorer decided.
@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkerEscalationScorerTests {
    @Test func aRefundInNewWordsIsEscalatedByTheScorer() async throws {
        let text = "Please reverse yesterday's renewal charge and credit our account, we asked you to close it last month."
        #expect(EscalationTriggers().reasons(for: text, channel: .webForm, sentiment: 0.5).isEmpty, "the word rules alone miss it")
        try await withTestDatabase { db in
            try await db.withClient { client in
                let llm = try await ScriptedLLMServer.start { _ in
                    .toolCalls([.init(name: "send_response", arguments: #"{"message": "Done.", "customer_sentiment": 0.5}"#)])
                }
                let worker = try await RunningWorker.start(databaseURL: db.url, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                ])
                try await PostgresEventPublisher(database: client).publish(IncomingEvent(
                    channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
                    customer: .init(email: "mira@example.com", name: "Mira"), subject: "Account", content: text))
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(20)) {
                    try await client.query("SELECT 1 AS one FROM escalations").count == 1
                })
                let escalation = try #require(try await client.query("SELECT reason, summary FROM escalations").first)
                #expect(try escalation.decode("reason", as: String.self) == "refund_request")
                let summary = try escalation.decode("summary", as: String.self)
                #expect(summary.contains(#/Scorer [01]\.\d\d /#), "the scorer's probability is recorded: \(summary)")
                #expect(summary.contains("the word rules alone did not escalate"), "\(summary)")
                #expect(llm.requestCount == 0, "escalated before the model")
                let trace: String = try #require(try await client.query(
                    "SELECT tool_calls::text AS t FROM messages WHERE direction = 'outbound'").first).decode("t")
                #expect(trace.contains("escalated by the scorer before the model"), "\(trace)")
                _ = try await worker.stop()
                await llm.shutdown()
            }
        }
    }
}
