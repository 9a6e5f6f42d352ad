import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(3))) struct SupportAgentTests {
    typealias Reply = ScriptedLLMServer.Reply

    static func search(_ query: String) -> Reply {
        .toolCalls([.init(name: "search_knowledge_base", arguments: #"{"query": "\#(query)"}"#, thoughtSignature: "sig-1")])
    }

    static func respond(_ message: String) -> Reply {
        .toolCalls([.init(name: "send_response", arguments: JSONValue.object(["message": .string(message)]).jsonString)])
    }

    @Test func theModelSearchesThenAnswersWithSources() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                .after(.milliseconds(200), Self.search("reset forgotten password")),
                .after(.milliseconds(200), Self.respond("Click \"Forgot password?\" on the login page and follow the link we e-mail you; it is valid for 60 minutes.")),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("I forgot my password, how do I reset it?"))
            #expect(outcome.author == .model)
            let waited = try #require(outcome.modelTime, "the time spent waiting for the model is measured")
            #expect(waited >= .milliseconds(400) && waited < .seconds(5), "two answers of 200 ms each: \(waited)")
            #expect(outcome.escalation == nil)
            #expect(outcome.body.contains("Forgot password"))
            #expect(outcome.sources.contains { $0.source.contains("resetting-your-password") })
            #expect(outcome.toolCalls.map(\.name) == ["search_knowledge_base"])
            #expect(outcome.model == "gemini-3.5-flash")
            #expect((outcome.tokens ?? 0) > 0)
            // The second request replays the first answer with its thought signature. (Checked
            // with #require: indexing a missing request would crash the whole test process.)
            try #require(llm.chatRequests.count == 2, "the model is asked twice")
            let replayed = llm.chatRequests[1].messages.first { $0["role"]?.stringValue == "assistant" }
            #expect(replayed?["tool_calls"]?[0]?["extra_content"]?["google"]?["thought_signature"]?.stringValue == "sig-1")
            #expect(llm.chatRequests[0].toolNames.sorted() == [
                "create_ticket", "escalate_to_human", "get_customer_history", "search_knowledge_base", "send_response",
            ])
            await llm.shutdown()
        }
    }

    @Test(arguments: [
        ("My lawyer will hear about this.", EscalationReason.legalMatter, Channel.email),
        ("human", .humanRequested, .whatsapp),
        ("How much does the Business plan cost per seat?", .pricingInquiry, .webForm),
        ("I want a refund for last month.", .refundRequest, .email),
    ])
    func triggersEscalateBeforeTheModelIsAsked(text: String, reason: EscalationReason, channel: Channel) async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request(text, channel: channel))
            #expect(outcome.escalation?.reason == reason)
            #expect(outcome.body.contains("within one business day"), "the customer is told what happens next and when")
            #expect(llm.requestCount == 0)
            #expect(outcome.modelTime == nil, "the model was not asked")
            await llm.shutdown()
        }
    }

    @Test func veryNegativeSentimentEscalates() async throws {
        try await AgentTestBed.with { bed in
            let outcome = await bed.agent(llm: nil).respond(to: try await bed.request("This is useless.", sentiment: 0.1))
            #expect(outcome.escalation?.reason == .negativeSentiment)
        }
    }

    @Test func aDraftThatBreaksARuleIsRegeneratedOnce() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("reset password"),
                Self.respond("Reset it from the login page. Our Pro plan costs $12 per month if you want SSO."),
                Self.respond("Use \"Forgot password?\" on the login page; the reset link is valid for 60 minutes."),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("How do I reset my password?"))
            #expect(outcome.escalation == nil)
            #expect(!outcome.body.contains("$"))
            try #require(llm.chatRequests.count == 3, "a search, the rejected draft and the regenerated one")
            let feedback = llm.chatRequests[2].messages.last?["content"]?.stringValue ?? ""
            #expect(feedback.contains("breaks the rules"), "the model is told why: \(feedback)")
            await llm.shutdown()
        }
    }

    @Test func aSecondViolationEscalates() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("reset password"),
                Self.respond("Zendesk handles this better, but you can reset it from the login page."),
                Self.respond("I have escalated your case to our engineers."),
            ])
            let outcome = await bed.agent(llm: llm, competitors: ["Zendesk"]).respond(to: try await bed.request("How do I reset my password?"))
            #expect(outcome.escalation?.reason == .policyViolation)
            #expect(!outcome.body.contains("Zendesk"))
            await llm.shutdown()
        }
    }

    @Test func twoSearchesWithNothingRelevantEscalate() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                Self.search("quantum entanglement of kanban cards"),
                Self.search("zebra migration patterns"),
                Self.respond("Kanban cards are quantum entangled."),
            ])
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("Are my cards quantum entangled?"))
            #expect(outcome.escalation?.reason == .noRelevantKnowledge)
            await llm.shutdown()
        }
    }

    @Test func theModelMayEscalateAndSaySo() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                .toolCalls([.init(name: "escalate_to_human", arguments: #"{"reason": "human_requested", "summary": "Wants a call back."}"#)]),
                Self.respond("I have escalated your request; a colleague will reply within one business day."),
            ])
            // (A request for a call back would escalate by rule before the model is asked.)
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("Our whole team lost access after the workspace migration."))
            #expect(outcome.escalation == .init(reason: .humanRequested, summary: "Wants a call back."))
            #expect(outcome.body.contains("I have escalated"), "the claim is true: the tool ran")
            await llm.shutdown()
        }
    }

    @Test func aFailingModelFallsBackToTheBuiltInResponder() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start { _ in .serverError(503) }
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("How do I reset a forgotten password?"))
            #expect(outcome.author == .builtin)
            #expect(outcome.escalation == nil, "retrieval is confident for this question")
            #expect(outcome.sources.first?.source.contains("resetting-your-password") == true)
            #expect(llm.requestCount == 2, "one try and one retry")
            await llm.shutdown()
        }
    }

    @Test func aSlowModelIsCutOffAndTheBuiltInResponderEscalatesWhenUnsure() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start { _ in .after(.seconds(20), Self.respond("too late")) }
            let outcome = await bed.agent(llm: llm, timeLimit: .seconds(1)).respond(
                to: try await bed.request("Can I export my invoices to our accounting software?"))
            #expect(outcome.author == .builtin, "the model's answer, 20 s away, was not awaited")
            let waited = try #require(outcome.modelTime, "the wait for the model that was cut off counts")
            #expect(waited >= .milliseconds(900) && waited < .seconds(5), "\(waited)")
            #expect(outcome.escalation?.reason == .agentUnavailable)
            #expect(outcome.body.contains("within one business day"))
            await llm.shutdown()
        }
    }

    @Test func aRateLimitedModelIsRetriedAfterTheDelayItAskedFor() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start(replies: [
                .geminiRateLimited(retryDelay: "0.4s"),
                Self.search("reset forgotten password"),
                Self.respond("Use \"Forgot password?\" on the login page; the link is valid for 60 minutes."),
            ])
            let started = ContinuousClock.now
            let outcome = await bed.agent(llm: llm).respond(to: try await bed.request("I forgot my password."))
            #expect(outcome.author == .model)
            #expect(outcome.escalation == nil)
            #expect(ContinuousClock.now - started >= .milliseconds(400), "Gemini's RetryInfo delay was honoured")
            #expect(llm.chatRequests.count == 3)
            await llm.shutdown()
        }
    }

    @Test func anOpenCircuitSkipsTheModelUntilItsPauseEnds() async throws {
        try await AgentTestBed.with { bed in
            let llm = try await ScriptedLLMServer.start { _ in .serverError(500) }
            // Open for an hour: the embedder's one queue is shared with the tests running beside
            // this one, so the built-in answer between the two calls may wait more than a minute.
            let breaker = CircuitBreaker(name: "llm", configuration: .init(failureThreshold: 1, openDuration: .seconds(3600)))
            let agent = bed.agent(llm: llm, breaker: breaker)
            _ = await agent.respond(to: try await bed.request("How do I reset a forgotten password?"))
            let callsAfterFailure = llm.requestCount
            let second = await agent.respond(to: try await bed.request("How do I reset a forgotten password?"))
            #expect(breaker.state == .open)
            #expect(llm.requestCount == callsAfterFailure, "no call while the circuit is open")
            #expect(second.author == .builtin)
            await llm.shutdown()
        }
    }
}
