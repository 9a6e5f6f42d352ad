import Foundation

/// One line of `fte ticket list`.
public struct TicketSummary: Sendable, Codable, DatabaseRowDecodable {
    public var id: UUID
    public var status: String
    public var channel: String
    public var priority: String
    public var category: String
    public var subject: String?
    public var customerName: String?
    /// The customer's e-mail address, or else their phone number.
    public var customerContact: String?
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, status, channel, priority, category, subject
        case customerName = "customer_name", customerContact = "customer_contact"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// Everything `fte ticket show` prints about one ticket.
public struct TicketDetail: Sendable, Encodable {
    public var ticket: TicketRecord
    public var customer: CustomerRecord
    /// The ticket's conversation across all channels, oldest first.
    public var messages: [MessageRecord]
    public var escalations: [EscalationRecord]
    /// Audit trail: who changed what, when.
    public var events: [TicketEventRecord]
}

/// A ticket row.
public struct TicketRecord: Sendable, Codable, DatabaseRowDecodable {
    public var id: UUID
    public var conversationId: UUID
    public var status: String
    public var sourceChannel: String
    public var category: String
    public var priority: String
    public var subject: String?
    public var resolutionNotes: String?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, status, category, priority, subject
        case conversationId = "conversation_id", sourceChannel = "source_channel"
        case resolutionNotes = "resolution_notes", resolvedBy = "resolved_by", resolvedAt = "resolved_at"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A customer and every identifier they are known by.
public struct CustomerRecord: Sendable, Encodable {
    /// An address of the customer, verified by a channel or only claimed.
    public struct Identifier: Sendable, Encodable, DatabaseRowDecodable {
        public var type: String
        public var value: String
        public var verified: Bool
        /// What verified it; `nil` for a claim.
        public var verifiedBy: SenderProof?
        public var verifiedAt: Date?
        /// When it was linked to this customer (for a claim: when the claim was linked).
        public var linkedAt: Date

        enum CodingKeys: String, CodingKey {
            case type, value, verified
            case verifiedBy = "verified_by", verifiedAt = "verified_at", linkedAt = "linked_at"
        }

        public init(row: DatabaseRow) throws {
            type = try row.decode("type")
            value = try row.decode("value")
            verified = try row.decode("verified")
            verifiedBy = try row.decode("verified_by", as: String?.self).flatMap(SenderProof.init(rawValue:))
            verifiedAt = try row.decode("verified_at")
            linkedAt = try row.decode("created_at")
        }
    }

    public var id: UUID
    public var name: String?
    /// Whether ``name`` came with a verified address (a claim never replaces such a name).
    public var nameVerified = false
    public var identifiers: [Identifier]

    enum CodingKeys: String, CodingKey {
        case id, name, identifiers, nameVerified = "name_verified"
    }
}

/// A message of a conversation; an outbound one carries the trace of how it was written and
/// sent (all empty for messages stored before replies were traced).
public struct MessageRecord: Sendable, Encodable, DatabaseRowDecodable {
    /// How far an outbound message got through the outbox.
    public struct OutboxState: Sendable, Encodable {
        /// `pending`, `sending`, `sent` or `failed`.
        public var status: String
        public var attempts: Int
        /// Why the last delivery attempt failed, if it did.
        public var lastError: String?

        enum CodingKeys: String, CodingKey {
            case status, attempts, lastError = "last_error"
        }
    }

    public var id: UUID
    public var channel: String
    public var direction: String
    public var role: String
    public var content: String
    public var deliveryStatus: String
    public var createdAt: Date
    /// Inbound: the address it came from.
    public var senderAddress: String?
    /// Inbound: what proved the sender's address; `nil` for a claim.
    public var senderProof: SenderProof?
    /// Who wrote a reply: `model`, `builtin` (the built-in responder) or `human`.
    public var answeredBy: String?
    /// The person who wrote a human reply.
    public var actor: String?
    /// The model that wrote the reply.
    public var model: String?
    public var tokensUsed: Int?
    /// From the customer's message being taken off the queue to the reply being stored.
    public var latencyMs: Int?
    /// The part of ``latencyMs`` spent waiting for the model.
    public var modelLatencyMs: Int?
    /// The tools the agent called, in order.
    public var toolCalls: [ToolCallTrace]
    /// The knowledge-base passages the reply rests on.
    public var sources: [SourceTrace]
    /// The reply's outbox entry, if it has one.
    public var outbox: OutboxState?
    /// An inbound message's sentiment (0–1) as the local assessor read it.
    public var sentiment: Double?
    /// The same message's sentiment as the model read it, when a model answered.
    public var modelSentiment: Double?

    enum CodingKeys: String, CodingKey {
        case id, channel, direction, role, content, actor, model, sources, outbox
        case deliveryStatus = "delivery_status", createdAt = "created_at", answeredBy = "answered_by"
        case senderAddress = "sender_address", senderProof = "sender_proof"
        case tokensUsed = "tokens_used", latencyMs = "latency_ms", modelLatencyMs = "model_latency_ms", toolCalls = "tool_calls"
        case sentiment, modelSentiment = "model_sentiment"
    }

    /// Decodes a `messages` row (with `sender_address` and `sender_proof`), `actor` (from its
    /// metadata) and its outbox entry's
    /// `outbox_status`, `outbox_attempts` and `outbox_last_error`.
    public init(row: DatabaseRow) throws {
        id = try row.decode("id")
        channel = try row.decode("channel")
        direction = try row.decode("direction")
        role = try row.decode("role")
        content = try row.decode("content")
        deliveryStatus = try row.decode("delivery_status")
        createdAt = try row.decode("created_at")
        senderAddress = try row.decode("sender_address")
        senderProof = try row.decode("sender_proof", as: String?.self).flatMap(SenderProof.init(rawValue:))
        answeredBy = try row.decode("answered_by")
        actor = try row.decode("actor")
        model = try row.decode("model")
        tokensUsed = try row.decode("tokens_used")
        latencyMs = try row.decode("latency_ms")
        modelLatencyMs = try row.decode("model_latency_ms")
        sentiment = try row.decode("sentiment")
        modelSentiment = try row.decode("model_sentiment")
        toolCalls = try row.decodeJSON("tool_calls", as: [ToolCallTrace].self) ?? []
        sources = try row.decodeJSON("sources", as: [SourceTrace].self) ?? []
        if let status: String = try row.decode("outbox_status") {
            outbox = OutboxState(status: status, attempts: try row.decode("outbox_attempts"), lastError: try row.decode("outbox_last_error"))
        }
    }
}

/// A hand-over to a human.
public struct EscalationRecord: Sendable, Codable, DatabaseRowDecodable {
    public var id: UUID
    public var reason: String
    public var summary: String?
    public var status: String
    public var createdBy: String
    public var createdAt: Date
    public var resolvedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, reason, summary, status
        case createdBy = "created_by", createdAt = "created_at", resolvedAt = "resolved_at"
    }
}

/// One entry of a ticket's audit trail.
public struct TicketEventRecord: Sendable, Codable, DatabaseRowDecodable {
    public var kind: String
    public var fromStatus: String?
    public var toStatus: String?
    public var actor: String
    public var note: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case kind, actor, note
        case fromStatus = "from_status", toStatus = "to_status", createdAt = "created_at"
    }
}
