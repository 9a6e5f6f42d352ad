import Foundation

/// Everything the agent knows about one inbound message before it answers: the ticket and
/// the customer's history already exist.
public struct AgentRequest: Sendable {
    public var event: IncomingEvent
    public var inbound: InboundRecord
    /// The customer's earlier messages, oldest first (see ``ConversationIntake/history(before:channel:limit:)``).
    public var history: [HistoryMessage]
    /// How the message reads (``SentimentAssessor/assess(_:)``), before its history is taken into account.
    public var sentiment: SentimentAssessment

    public init(event: IncomingEvent, inbound: InboundRecord, history: [HistoryMessage], sentiment: SentimentAssessment) {
        self.event = event
        self.inbound = inbound
        self.history = history
        self.sentiment = sentiment
    }

    /// A request whose sentiment is a bare 0–1 score (tests, replays).
    public init(event: IncomingEvent, inbound: InboundRecord, history: [HistoryMessage], sentiment: Double) {
        self.init(event: event, inbound: inbound, history: history, sentiment: SentimentAssessment(score: sentiment))
    }

    /// How far back earlier customer messages count as repeated contact.
    public static let repeatedContactWindow: TimeInterval = 3 * 24 * 3600

    /// The customer's other messages of the last three days: writing again and again about
    /// something amplifies the frustration a message shows.
    public var recentContacts: Int {
        let since = Date().addingTimeInterval(-Self.repeatedContactWindow)
        return history.count { $0.role == "customer" && $0.createdAt >= since }
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
    public var author: ReplyAuthor
    /// The knowledge-base passages the reply rests on.
    public var sources: [KnowledgeSearchResult]
    public var toolCalls: [ToolCallTrace]
    public var model: String?
    public var tokens: Int?
    /// How long the message waited for the model, failed calls included; `nil` when the model
    /// was not asked.
    public var modelTime: Duration?
    /// The model's own reading of the customer's sentiment (0–1), recorded beside the local
    /// score; `nil` when the model was not asked or gave none.
    public var modelSentiment: Double?
    /// Each model call's duration (failed ones included), for `fte report`'s model usage.
    public var modelCalls: [Duration] = []

    public init(
        body: String, escalation: Escalation? = nil, author: ReplyAuthor, sources: [KnowledgeSearchResult] = [],
        toolCalls: [ToolCallTrace] = [], model: String? = nil, tokens: Int? = nil, modelTime: Duration? = nil,
        modelSentiment: Double? = nil
    ) {
        self.body = body
        self.escalation = escalation
        self.author = author
        self.sources = sources
        self.toolCalls = toolCalls
        self.model = model
        self.tokens = tokens
        self.modelTime = modelTime
        self.modelSentiment = modelSentiment
    }
}
