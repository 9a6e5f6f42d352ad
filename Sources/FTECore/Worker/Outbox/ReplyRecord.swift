import Foundation

/// A reply the agent (or a human) wrote for one inbound message, with its trace.
public struct ReplyRecord: Sendable {
    /// Who wrote it.
    public typealias Author = ReplyAuthor

    /// The reply as stored and shown (WhatsApp parts joined).
    public var content: String
    public var author: Author
    public var model: String?
    public var tokens: Int?
    public var latency: Duration
    /// The part of ``latency`` spent waiting for the model; `nil` when it was not asked.
    public var modelLatency: Duration?
    /// Each model call's duration (stored as `model_call_ms`); empty when the model was not asked.
    public var modelCalls: [Duration]
    /// The tools called, as a JSON array (`[{name, arguments, result}]`).
    public var toolCalls: String
    /// The knowledge-base passages used, as a JSON array (`[{source, heading_path, chunk_id}]`).
    public var sources: String
    public var escalation: Escalation?

    public init(
        content: String, author: Author, model: String? = nil, tokens: Int? = nil, latency: Duration = .zero,
        modelLatency: Duration? = nil, modelCalls: [Duration] = [],
        toolCalls: String = "[]", sources: String = "[]", escalation: Escalation? = nil
    ) {
        self.content = content
        self.modelCalls = modelCalls
        self.author = author
        self.model = model
        self.tokens = tokens
        self.latency = latency
        self.modelLatency = modelLatency
        self.toolCalls = toolCalls
        self.sources = sources
        self.escalation = escalation
    }
}
