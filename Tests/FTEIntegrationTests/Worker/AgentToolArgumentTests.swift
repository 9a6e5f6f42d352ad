import FTECore
import FTETestSupport
import Foundation
import Testing

/// What real models send: categories the knowledge base does not have, a thank-you after an
/// answer, and their own sentiment score.
// Six minutes: every test ingests its own knowledge base, and the embedder's one process-wide
// queue is shared with the suites running beside it (47 s for the whole suite alone; one test
// waited 334 s in a full run of 12 tests at a time on 2 cores).
@Suite(.timeLimit(.minutes(6))) struct AgentToolArgumentTests {
    typealias Reply = ScriptedLLMServer.Reply

    static func search(_ query: String, category: JSONValue) -> Reply {
        .toolCalls([.init(name: "search_knowledge_base", arguments: JSONValue.object(["query": .string(query), "category": category]).jsonString)])
    }

    static func respond(_ message: String, sentiment: JSONValue? = nil) -> Reply {
        var arguments: [String: JSONValue] = ["message": .string(message)]
        if let sentiment { arguments["customer_sentiment"] = sentiment }
        return .toolCalls([.init(name: "send_response", arguments: JSONValue.object(arguments).jsonString)])
    }

    /// A test bed whose knowledge base is the sample's `account` and `troubleshooting` folders,
    /// ingested as a folder so their documents have those categories.
    static func withCategories(_ body: (AgentTestBed) async throws -> Void) async throws {
        try await withTestDatabase { db in
            try await db.withClient(maxConnections: 6) { client in
                let folder = try SampleKnowledgeBase.scratchCopy()
                defer { try? FileManager.default.removeItem(at: folder) }
                for sub in try FileManager.default.contentsOfDirectory(atPath: folder.path) where sub != "account" && sub != "troubleshooting" {
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(sub))
                }
                let embedder = try MemoizedTestEmbedder()
                _ = try await KnowledgeIngestor(database: client, embedder: embedder, chunker: embedder.makeChunker()).ingest([folder.path])
                try await body(AgentTestBed(
                    client: client, search: KnowledgeSearch(database: client, embedder: embedder),
                    intake: ConversationIntake(database: client)))
            }
        }
    }

    /// The content of the tool results the model was sent.
    static func toolResults(_ llm: ScriptedLLMServer) -> [String] {
        llm.chatRequests.last?.messages.filter { $0["role"]?.stringValue == "tool" }.compactMap { $0["content"]?.stringValue } ?? []
    }

    @Test(arguments: [JSONValue.string("technical"), .string("Password Help"), .number(3)])
    func anUnknownCategoryIsIgnoredAndTheToolSaysSo(category: JSONValue) async throws {
        try await Self.withCategories { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("reset forgotten password", category: category),
                Self.respond("Use \"Forgot password?\" on the login page; the link is valid for 60 minutes.", sentiment: 0.55),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("I forgot my password."))
            #expect(outcome.escalation == nil)
            #expect(outcome.sources.contains { $0.source == "account/resetting-your-password.txt" }, "everything was searched")
            let result = try #require(Self.toolResults(llm).first)
            #expect(result.contains("(categories: account, troubleshooting), so all documentation was searched")
                || result.contains("must be a string; all documentation was searched"), "\(result.prefix(200))")
            #expect(result.contains("resetting-your-password"))
            await llm.shutdown()
        }
    }

    @Test func aKnownCategoryIsMatchedWithoutRegardToCase() async throws {
        try await Self.withCategories { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("reset forgotten password", category: "ACCOUNT"),
                Self.respond("Use \"Forgot password?\" on the login page."),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("I forgot my password."))
            #expect(outcome.sources.allSatisfy { $0.category == "account" } && !outcome.sources.isEmpty)
            #expect(Self.toolResults(llm).first?.hasPrefix("[account/") == true, "no note when the category exists")
            await llm.shutdown()
        }
    }

    @Test func aWrongButExistingCategoryFallsBackToEverything() async throws {
        try await Self.withCategories { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("Error 403 access from this network is not allowed, IP allowlist and VPN", category: "account"),
                Self.respond("Connect through your company VPN or ask an Admin to add your IP address."),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("Error 403: Access from this network is not allowed"))
            let result = try #require(Self.toolResults(llm).first)
            #expect(result.hasPrefix("Nothing relevant in the category “account”, so all documentation was searched."), "\(result.prefix(300))")
            #expect(outcome.sources.contains { $0.source == "troubleshooting/login-problems.md" })
            await llm.shutdown()
        }
    }

    @Test(arguments: [
        ("thanks, that worked!", Channel.whatsapp),
        ("Thank you so much, that fixed it!\n\nBest regards,\nJane", .email),
        ("ok great 👍", .whatsapp),
        ("Perfect, thanks a lot. Have a nice weekend!", .webForm),
    ])
    func aThankYouGetsAShortAcknowledgementWithoutTheModel(text: String, channel: Channel) async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request(text, channel: channel))
            #expect(outcome.escalation == nil)
            #expect(outcome.body == ClosingMessage.acknowledgement)
            #expect(llm.requestCount == 0, "a thank-you needs no model and no search")
            await llm.shutdown()
        }
    }

    @Test func aThankYouWithANewProblemIsAnswered() async throws {
        try await AgentTestBed.with { bed in
            let outcome = await bed.agent(llm: nil).respond(to: try await bed.request("Thanks! But now I forgot my password again, how do I reset it?"))
            #expect(outcome.body != ClosingMessage.acknowledgement)
            #expect(outcome.sources.contains { $0.source.contains("resetting-your-password") })
        }
    }

    static let modelSentiments: [(JSONValue, Double?)] = [(.number(0.15), 0.15), (.string("0.8"), 0.8), (.number(7), 1.0), (.string("angry"), nil)]

    @Test(arguments: modelSentiments)
    func theModelsSentimentIsKept(given: JSONValue, kept: Double?) async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                .toolCalls([.init(name: "search_knowledge_base", arguments: #"{"query": "reset password"}"#)]),
                Self.respond("Use \"Forgot password?\" on the login page.", sentiment: given),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("How do I reset my password?"))
            #expect(outcome.modelSentiment == kept)
            #expect(llm.chatRequests[0].body["tools"]?.arrayValue?.contains {
                $0["function"]?["parameters"]?["properties"]?["customer_sentiment"] != nil
            } == true, "send_response asks for it")
            await llm.shutdown()
        }
    }
}
