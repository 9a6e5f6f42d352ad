import Foundation
import Testing
@testable import FTECore

@Suite struct ChatMessageTests {
    @Test func builtMessagesHaveTheOpenAIWireShape() {
        #expect(ChatMessage.system("Be brief.").json == ["role": "system", "content": "Be brief."])
        #expect(ChatMessage.user("Hi").json == ["role": "user", "content": "Hi"])
        #expect(ChatMessage.assistant("Hello").json == ["role": "assistant", "content": "Hello"])
        #expect(ChatMessage.tool(callID: "call_1", content: "{\"ok\":true}").json
            == ["role": "tool", "tool_call_id": "call_1", "content": "{\"ok\":true}"])
        let calling = ChatMessage(
            role: .assistant, content: nil, toolCalls: [ToolCall(id: "c1", name: "search", arguments: #"{"q":"x"}"#)])
        #expect(calling.json == [
            "role": "assistant", "content": nil,
            "tool_calls": [["id": "c1", "type": "function", "function": ["name": "search", "arguments": #"{"q":"x"}"#]]],
        ])
    }

    @Test func receivedMessageKeepsEveryFieldAndGoesBackAsReceived() throws {
        let received = try JSONValue(parsing: """
            {"role":"assistant","content":null,"refusal":null,"vendor_field":{"x":[1,2]},
             "tool_calls":[{"id":"fc-1","type":"function","function":{"name":"lookup","arguments":"{\\"id\\":7}"},
                            "extra_content":{"google":{"thought_signature":"c2lnbmF0dXJl"}}}]}
            """)
        let message = try ChatMessage(json: received)
        #expect(message.role == .assistant)
        #expect(message.content == nil)
        #expect(message.toolCalls == [ToolCall(id: "fc-1", name: "lookup", arguments: #"{"id":7}"#)])
        #expect(message.json == received)
        #expect(message.json["tool_calls"]?[0]?["extra_content"]?["google"]?["thought_signature"] == "c2lnbmF0dXJl")
    }

    @Test func messagesRoundTripThroughCodable() throws {
        let messages: [ChatMessage] = [
            .system("s"), .user("u"), .tool(callID: "c", content: "r"),
            try ChatMessage(json: ["role": "assistant", "content": "a", "extra": ["k": "v"]]),
        ]
        let decoded = try JSONDecoder().decode([ChatMessage].self, from: JSONEncoder().encode(messages))
        #expect(decoded.map(\.json) == messages.map(\.json))
        #expect(decoded[2].toolCallID == "c")
    }

    @Test func lenientAboutContentPartsAndObjectArguments() throws {
        let message = try ChatMessage(json: [
            "role": "assistant", "content": [["type": "text", "text": "Hello, "], ["type": "text", "text": "world"]],
            "tool_calls": [["id": "1", "function": ["name": "f", "arguments": ["a": 1]]]],
        ])
        #expect(message.content == "Hello, world")
        #expect(try message.toolCalls[0].argumentsObject() == ["a": 1])
    }

    static let unusable: [(JSONValue, String)] = [
        ([], "not an object"),
        (["content": "x"], "no role"),
        (["role": "robot", "content": "x"], "unknown message role robot"),
        (["role": "assistant", "content": 5], "content is a number"),
        (["role": "assistant", "tool_calls": "x"], "tool_calls is a string"),
        (["role": "assistant", "tool_calls": [["function": ["name": "f"]]]], "tool_calls[0] has no id"),
        (["role": "assistant", "tool_calls": [["id": "1", "function": [:]]]], "tool_calls[0] has no function name"),
    ]

    @Test(arguments: unusable)
    func unusableMessagesSayWhatIsWrong(json: JSONValue, problem: String) {
        let error = #expect(throws: LLMError.self) { try ChatMessage(json: json) }
        guard case .invalidResponse(let text)? = error?.kind else {
            Issue.record("expected invalidResponse, got \(String(describing: error))")
            return
        }
        #expect(text.contains(problem), "\(text)")
    }
}

@Suite struct ToolCallArgumentsTests {
    @Test func objectArgumentsParse() throws {
        let call = ToolCall(id: "c1", name: "create_ticket", arguments: #"{"priority":"high","count":2,"tags":["a"]}"#)
        #expect(try call.argumentsObject() == ["priority": "high", "count": 2, "tags": ["a"]])
    }

    @Test(arguments: ["", "  \n"])
    func blankArgumentsAreAnEmptyObject(arguments: String) throws {
        #expect(try ToolCall(id: "c", name: "now", arguments: arguments).argumentsObject().isEmpty)
    }

    @Test(arguments: [
        (#"{"query": "refund for order 4411"#, ToolArgumentsError.Problem.notJSON),
        (#"{query: 'x'}"#, .notJSON),
        (#"["refund"]"#, .notAnObject("array")),
        (#""refund""#, .notAnObject("string")),
        ("42", .notAnObject("number")),
    ])
    func unusableArgumentsThrowAClearError(arguments: String, problem: ToolArgumentsError.Problem) {
        let call = ToolCall(id: "call_9", name: "search_kb", arguments: arguments)
        let error = #expect(throws: ToolArgumentsError.self) { try call.argumentsObject() }
        #expect(error?.problem == problem)
        let text = error?.description ?? ""
        #expect(text.contains("search_kb") && text.contains("call_9"))
        #expect(!text.contains("refund"), "the description must not repeat the arguments: \(text)")
    }

    @Test func descriptionsReadWell() {
        #expect(ToolArgumentsError(callID: "c", toolName: "t", problem: .notJSON).description
            == "the arguments of call c to tool t are not valid JSON")
        #expect(ToolArgumentsError(callID: "c", toolName: "t", problem: .notAnObject("array")).description
            == "the arguments of call c to tool t must be a JSON object, not an array")
    }

    @Test func requestBodyIsTheRequestsJSONWrittenDirectly() throws {
        let received = try ChatMessage(json: JSONValue(parsing: """
            {"role":"assistant","content":null,"tool_calls":[{"id":"fc-1","type":"function",
             "function":{"name":"lookup","arguments":"{}"},"extra_content":{"google":{"thought_signature":"c2ln"}}}]}
            """))
        let messages: [ChatMessage] = [
            .system("Quote \" backslash \\ tab \t newline \n bell \u{07} é 🙂"), .user("Hi"), received,
            .tool(callID: "fc-1", content: #"{"ok":true}"#),
            ChatMessage(role: .assistant, content: nil, toolCalls: [
                ToolCall(id: "c1", name: "search", arguments: #"{"q":"x"}"#), ToolCall(id: "c2", name: "send", arguments: ""),
            ]),
        ]
        let requests = [
            ChatRequest(messages: messages),
            ChatRequest(messages: messages, tools: AgentTools.definitions, toolChoice: .required),
            ChatRequest(
                model: "gemini-2.5-flash", messages: messages, tools: AgentTools.definitions,
                toolChoice: .function("send_response"), temperature: 0.2, maxTokens: 800),
        ]
        for request in requests {
            let body = request.body(defaultModel: "default-model")
            #expect(body == request.json(defaultModel: "default-model").jsonData)
            #expect(try JSONValue(parsing: body) == request.json(defaultModel: "default-model"))
        }
    }
}
