import FTETestSupport
import Foundation
import Testing
@testable import FTECore

@Suite struct ChatCompletionsClientTests {
    @Test func plainAnswerAndUsageAreParsed() async throws {
        let usage = TokenUsage(promptTokens: 21, completionTokens: 7, totalTokens: 28)
        try await withScriptedLLM(replies: [.text("It ships tomorrow.", usage: usage)]) { client, server in
            let completion = try await client.complete(greeting)
            #expect(completion.message.role == .assistant)
            #expect(completion.message.content == "It ships tomorrow.")
            #expect(completion.message.toolCalls.isEmpty)
            #expect(completion.finishReason == "stop")
            #expect(completion.usage == usage)
            #expect(completion.model == "gemini-3.5-flash")

            let received = try #require(server.chatRequests.first)
            #expect(server.requestCount == 1)
            #expect(received.authorization == "Bearer test-llm-key")
            #expect(received.body == [
                "model": "gemini-3.5-flash",
                "messages": [
                    ["role": "system", "content": "You are a support agent."],
                    ["role": "user", "content": "Where is my order?"],
                ],
            ])
        }
    }

    @Test func toolsChoiceAndOptionsAreSent() async throws {
        let search = ToolDefinition(
            name: "search_kb", description: "Searches the knowledge base.",
            parameters: ["type": "object", "properties": ["query": ["type": "string"]], "required": ["query"]])
        let request = ChatRequest(
            model: "gemini-3.5-flash-lite", messages: [.user("Reset my password")], tools: [search],
            toolChoice: .function("search_kb"), temperature: 0.2, maxTokens: 256)
        try await withScriptedLLM(replies: [.text("ok")]) { client, server in
            _ = try await client.complete(request)
            let received = try #require(server.chatRequests.first)
            #expect(received.model == "gemini-3.5-flash-lite")
            #expect(received.toolNames == ["search_kb"])
            #expect(received.body["tools"] == [[
                "type": "function",
                "function": ["name": "search_kb", "description": "Searches the knowledge base.", "parameters": search.parameters],
            ]])
            #expect(received.body["tool_choice"] == ["type": "function", "function": ["name": "search_kb"]])
            #expect(received.body["temperature"] == 0.2)
            #expect(received.body["max_tokens"] == 256)
            #expect(received.rawBody.contains(#""max_tokens":256"#))
        }
    }

    @Test func toolChoiceIsLeftOutWithoutTools() async throws {
        try await withScriptedLLM(replies: [.text("ok")]) { client, server in
            _ = try await client.complete(ChatRequest(messages: [.user("hi")], toolChoice: .required))
            #expect(server.chatRequests.first?.body["tool_choice"] == nil)
            #expect(server.chatRequests.first?.body["tools"] == nil)
        }
    }

    @Test func toolCallRoundTripSendsTheAssistantMessageBackUnmodified() async throws {
        let call = ScriptedLLMServer.ToolCallReply(
            name: "lookup_order", arguments: #"{"order_id":"A-1001"}"#, thoughtSignature: "Q2lnbmF0dXJlLTE=")
        try await withScriptedLLM(replies: [.toolCalls([call]), .text("Your order A-1001 ships tomorrow.")]) { client, server in
            var request = greeting
            request.tools = [ToolDefinition(name: "lookup_order", description: "Finds an order.")]
            let first = try await client.complete(request)
            #expect(first.finishReason == "tool_calls")
            let toolCall = try #require(first.message.toolCalls.first)
            #expect(toolCall.name == "lookup_order")
            #expect(try toolCall.argumentsObject() == ["order_id": "A-1001"])

            request.messages += [first.message, .tool(callID: toolCall.id, content: #"{"status":"shipped"}"#)]
            let second = try await client.complete(request)
            #expect(second.message.content == "Your order A-1001 ships tomorrow.")

            let replayed = try #require(server.chatRequests.last?.messages)
            #expect(replayed.count == 4)
            #expect(replayed[2] == first.message.receivedJSON)
            #expect(replayed[2]["tool_calls"]?[0]?["extra_content"]?["google"]?["thought_signature"] == "Q2lnbmF0dXJlLTE=")
            #expect(replayed[3] == ["role": "tool", "tool_call_id": .string(toolCall.id), "content": #"{"status":"shipped"}"#])
        }
    }

    @Test func unknownFieldsOfTheAssistantMessageSurvive() async throws {
        let message: JSONValue = [
            "role": "assistant", "content": nil, "refusal": nil, "reasoning_content": "thinking…",
            "tool_calls": [[
                "id": "function-call-77", "type": "function", "index": 0,
                "function": ["name": "lookup_order", "arguments": #"{"order_id":"B-7"}"#],
                "extra_content": ["google": ["thought_signature": "c2ln"], "vendor": [1, 2.5, true]],
            ]],
        ]
        let completion: JSONValue = [
            "id": "chatcmpl-x", "object": "chat.completion", "created": 1_767_225_600, "model": "gemini-3.5-flash",
            "choices": [["index": 0, "message": message, "finish_reason": "tool_calls"]],
        ]
        try await withScriptedLLM(replies: [.json(completion), .text("done")]) { client, server in
            let first = try await client.complete(greeting)
            #expect(first.usage == TokenUsage(), "no usage in the body gives zeros")
            let answer = ChatMessage.tool(callID: "function-call-77", content: "ok")
            _ = try await client.complete(ChatRequest(messages: greeting.messages + [first.message, answer]))
            #expect(server.chatRequests.last?.messages[2] == message)
        }
    }

    @Test func aRebuiltMessageWithoutTheSignatureIsRefusedLikeGeminiDoes() async throws {
        let call = ScriptedLLMServer.ToolCallReply(name: "lookup_order", arguments: "{}", thoughtSignature: "sig")
        try await withScriptedLLM(replies: [.toolCalls([call]), .text("never")]) { client, server in
            let first = try await client.complete(greeting)
            let rebuilt = ChatMessage(role: .assistant, content: nil, toolCalls: first.message.toolCalls)
            let answer = ChatMessage.tool(callID: first.message.toolCalls[0].id, content: "{}")
            let (error, _) = await expectLLMError {
                _ = try await client.complete(ChatRequest(messages: greeting.messages + [rebuilt, answer]))
            }
            guard case .rejected(400, let message)? = error?.kind else {
                Issue.record("expected a 400, got \(String(describing: error))")
                return
            }
            #expect(message.contains("thought_signature"))
            #expect(server.requestCount == 2, "a 400 is not retried")
        }
    }

    @Test func invalidToolArgumentsFromTheModelGiveAClearError() async throws {
        let call = ScriptedLLMServer.ToolCallReply(name: "create_ticket", arguments: #"{"subject": "Refund", "priority": "#)
        try await withScriptedLLM(replies: [.toolCalls([call])]) { client, _ in
            let completion = try await client.complete(greeting)
            let toolCall = try #require(completion.message.toolCalls.first)
            #expect(toolCall.arguments == #"{"subject": "Refund", "priority": "#)
            let error = #expect(throws: ToolArgumentsError.self) { try toolCall.argumentsObject() }
            #expect(error?.problem == .notJSON)
            #expect(error?.description == "the arguments of call \(toolCall.id) to tool create_ticket are not valid JSON")
        }
    }

    @Test func availableModelsDropGeminisPrefix() async throws {
        let listed = ["models/gemini-3.5-flash", "models/gemini-3.5-flash-lite", "llama3.2"]
        try await withScriptedLLM(models: listed) { client, server in
            let models = try await client.availableModels()
            #expect(models == ["gemini-3.5-flash", "gemini-3.5-flash-lite", "llama3.2"])
            #expect(server.requests.first?.path == "/v1/models")
            #expect(server.requests.first?.authorization == "Bearer test-llm-key")
        }
    }

    @Test func withoutAKeyNothingIsSent() async throws {
        try await withScriptedLLM(
            replies: [.text("never")], settings: { LLMSettings(baseURL: $0.baseURL, apiKey: nil) }
        ) { client, server in
            let (error, _) = await expectLLMError { _ = try await client.complete(greeting) }
            #expect(error?.kind == .notConfigured)
            #expect(error?.attempts == 0)
            #expect(server.requestCount == 0)
        }
    }
}
