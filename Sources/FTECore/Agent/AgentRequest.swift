import Foundation

/// Everything the agent knows about one inbound message before it answers: the ticket and
/// the customer's history already exist.
public struct AgentRequest: Sendable {
    public var event: IncomingEvent
    public var inbound: InboundRecord
    /// The customer's earlier messages, oldest first (see ``ConversationIntake/history(before:channel:limit:)``).
    public var history: [HistoryMessage]
    /// The message's sentiment on the 0–1 scale.
    public var sentiment: Double

    public init(event: IncomingEvent, inbound: InboundRecord, history: [HistoryMessage], sentiment: Double) {
        self.event = event
        self.inbound = inbound
        self.history = history
        self.sentiment = sentiment
    }

    /// The text the customer wrote, with the subject when there is one.
    var customerText: String {
        guard let subject = event.subject, !subject.isEmpty else { return event.content }
        return "Subject: \(subject)\n\n\(event.content)"
    }
}

/// What the agent decided: a reply body (before channel shaping) and, for hand-offs, the
/// escalation — with the trace `fte ticket show` prints.
public struct AgentOutcome: Sendable {
    public var body: String
    public var escalation: Escalation?
    public var author: ReplyRecord.Author
    /// The knowledge-base passages the reply rests on.
    public var sources: [KnowledgeSearchResult]
    public var toolCalls: [ToolCallTrace]
    public var model: String?
    public var tokens: Int?
    /// How long the message waited for the model, failed calls included; `nil` when the model
    /// was not asked.
    public var modelTime: Duration?
    /// Each model call's duration (failed ones included), for `fte report`'s model usage.
    public var modelCalls: [Duration] = []

    public init(
        body: String, escalation: Escalation? = nil, author: ReplyRecord.Author, sources: [KnowledgeSearchResult] = [],
        toolCalls: [ToolCallTrace] = [], model: String? = nil, tokens: Int? = nil, modelTime: Duration? = nil
    ) {
        self.body = body
        self.escalation = escalation
        self.author = author
        self.sources = sources
        self.toolCalls = toolCalls
        self.model = model
        self.tokens = tokens
        self.modelTime = modelTime
    }
}

/// One tool the agent called, as stored with the reply.
public struct ToolCallTrace: Sendable, Codable, Equatable {
    public var name: String
    /// The arguments as JSON text.
    public var arguments: String
    /// What the tool answered, shortened.
    public var result: String

    public init(name: String, arguments: String, result: String) {
        self.name = name
        self.arguments = arguments
        self.result = String(result.prefix(500))
    }
}
