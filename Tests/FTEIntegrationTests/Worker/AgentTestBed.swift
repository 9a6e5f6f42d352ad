import FTECore
import FTETestSupport
import Foundation
import Logging

/// A scratch database with two sample articles ingested, a scripted model and an agent over
/// them: what the agent tests share.
struct AgentTestBed {
    let client: Database
    let search: KnowledgeSearch
    let intake: ConversationIntake

    /// Runs `body` with a fresh test bed.
    static func with(_ body: (AgentTestBed) async throws -> Void) async throws {
        try await withTestDatabase { db in
            try await db.withClient(maxConnections: 6) { client in
                let embedder = try MemoizedTestEmbedder()
                let articles = SampleKnowledgeBase.folder
                _ = try await KnowledgeIngestor(database: client, embedder: embedder, chunker: embedder.makeChunker()).ingest([
                    articles.appendingPathComponent("account/resetting-your-password.txt").path,
                    articles.appendingPathComponent("troubleshooting/login-problems.md").path,
                ])
                try await body(AgentTestBed(
                    client: client, search: KnowledgeSearch(database: client, embedder: embedder),
                    intake: ConversationIntake(database: client)))
            }
        }
    }

    /// The agent over `llm` (no model when `nil`).
    func agent(
        llm: ScriptedLLMServer?, timeLimit: Duration = .seconds(90), competitors: [String] = [],
        breaker: CircuitBreaker = CircuitBreaker(name: "llm")
    ) -> SupportAgent {
        let model = llm.map {
            ChatCompletionsClient(
                settings: LLMSettings(baseURL: $0.baseURL, apiKey: "test-llm-key", model: "gemini-3.5-flash",
                                      timeout: .seconds(30), maxRetries: 1, maxRetryDelay: .seconds(2)),
                httpClient: HTTPClient(), backoff: Backoff(initial: .milliseconds(10), maximum: .milliseconds(20)))
        }
        return SupportAgent(
            model: model, modelName: "gemini-3.5-flash", search: search, tickets: TicketStore(database: client),
            checks: ReplyChecks(competitors: competitors), notice: EscalationNotice(), companyName: "Nimbus Boards",
            timeLimit: timeLimit, breaker: breaker, logger: Logger(label: "test"))
    }

    /// Stores `text` as a new message from Jane on `channel` and builds the agent's request.
    func request(_ text: String, channel: Channel = .email, sentiment: Double = 0.6) async throws -> AgentRequest {
        let event = IncomingEvent(
            channel: channel, channelMessageID: UUID().uuidString,
            customer: channel == .whatsapp ? .init(phone: "+14155550100", name: "Jane") : .init(email: "jane@example.com", name: "Jane Doe"),
            subject: channel == .email ? "Help" : nil, content: text)
        let inbound = try await intake.record(event, sentiment: sentiment)
        return AgentRequest(event: event, inbound: inbound, history: [], sentiment: sentiment)
    }
}
