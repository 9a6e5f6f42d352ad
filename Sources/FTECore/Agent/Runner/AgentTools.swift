/// The five tools of SPEC.md, as the model sees them.
enum AgentTools {
    static let searchKnowledgeBase = "search_knowledge_base"
    static let createTicket = "create_ticket"
    static let getCustomerHistory = "get_customer_history"
    static let escalateToHuman = "escalate_to_human"
    static let sendResponse = "send_response"
    /// `send_response`'s argument with the model's reading of the customer's sentiment.
    static let customerSentiment = "customer_sentiment"

    static let definitions: [ToolDefinition] = [
        ToolDefinition(
            name: searchKnowledgeBase,
            description: "Search the product documentation. Returns up to 5 passages with their source. Use it before answering any product question.",
            parameters: [
                "type": "object",
                "properties": [
                    "query": ["type": "string", "description": "What to look for, in the customer's words or better ones."],
                    "category": ["type": "string", "description": "Optional documentation category to search in; an unknown one is ignored and everything is searched."],
                ],
                "required": ["query"],
            ]),
        ToolDefinition(
            name: createTicket,
            description: "Record the ticket for this conversation (it already exists; call it to set category and priority). Returns the ticket id.",
            parameters: [
                "type": "object",
                "properties": [
                    "category": ["type": "string", "enum": .array(TicketCategory.allCases.map { .string($0.rawValue) })],
                    "priority": ["type": "string", "enum": .array(TicketPriority.allCases.map { .string($0.rawValue) })],
                ],
            ]),
        ToolDefinition(
            name: getCustomerHistory,
            description: "The customer's earlier messages on every channel, oldest first.",
            parameters: ["type": "object", "properties": [:]]),
        ToolDefinition(
            name: escalateToHuman,
            description: "Hand the conversation to a human colleague. Then tell the customer, with send_response, what happens next.",
            parameters: [
                "type": "object",
                "properties": [
                    "reason": ["type": "string", "enum": .array(EscalationReason.allCases.filter { $0 != .deliveryFailed }.map { .string($0.rawValue) })],
                    "summary": ["type": "string", "description": "What the colleague needs to know, in two or three sentences."],
                ],
                "required": ["reason", "summary"],
            ]),
        ToolDefinition(
            name: sendResponse,
            description: "Send the reply to the customer. Call it exactly once, last. Write only the body: no greeting, no sign-off, no ticket number.",
            parameters: [
                "type": "object",
                "properties": [
                    "message": ["type": "string", "description": "The reply body."],
                    customerSentiment: [
                        "type": "number",
                        "description": "How the customer feels about our service in their last message, from 0 (furious or desperate) through 0.5 (neutral) to 1 (delighted).",
                    ],
                ],
                "required": ["message", .string(customerSentiment)],
            ]),
    ]
}
