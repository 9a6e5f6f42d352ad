import Foundation

/// Admin views of the CRM: a customer found by e-mail or phone with their conversations, a
/// conversation's full cross-channel history, and per-channel figures.
public struct CustomerDirectory: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A conversation in a customer's list.
    public struct ConversationSummary: Sendable, Codable, DatabaseRowDecodable {
        public var id: UUID
        public var initialChannel: String
        public var lastChannel: String
        public var status: String
        public var sentiment: Double?
        public var startedAt: Date
        public var lastMessageAt: Date

        enum CodingKeys: String, CodingKey {
            case id, status, sentiment
            case initialChannel = "initial_channel", lastChannel = "last_channel"
            case startedAt = "started_at", lastMessageAt = "last_message_at"
        }
    }

    /// A customer with identifiers and conversations (newest first).
    public struct CustomerProfile: Sendable, Encodable {
        public var customer: CustomerRecord
        public var conversations: [ConversationSummary]
    }

    /// A conversation with its customer, messages in time order and tickets.
    public struct ConversationHistory: Sendable, Encodable {
        public var conversation: ConversationSummary
        public var customer: CustomerRecord
        public var messages: [MessageRecord]
        public var tickets: [TicketSummary]
    }

    /// The customer known by `address` (an e-mail address or a phone number, also matching
    /// WhatsApp identifiers); `nil` when none is.
    public func customer(by address: ContactAddress) async throws -> CustomerProfile? {
        try await database.withConnection { connection in
            guard let id = try await Self.customerID(.address(address), connection) else { return nil }
            let customer = try await Self.customerRecord(id, connection)
            return CustomerProfile(customer: customer, conversations: try await Self.conversations(of: id, connection))
        }
    }

    /// The conversation `id` with everything in it; `nil` when unknown.
    public func conversation(_ id: UUID) async throws -> ConversationHistory? {
        try await database.withConnection { connection in
            guard let row = try await connection.query("SELECT * FROM conversations WHERE id = \(id)").first else { return nil }
            let conversation = try ConversationSummary(row: row)
            let customer = try await Self.customerRecord(try row.decode("customer_id"), connection)
            let messages = try await MessageRecord.all(inConversation: id, connection)
            let tickets = try await connection.query(
                TicketSummary.self,
                """
                SELECT t.id, t.status, t.source_channel AS channel, t.priority, t.category, t.subject, t.created_at,
                       t.updated_at, NULL::text AS customer_name, NULL::text AS customer_contact
                FROM tickets t WHERE t.conversation_id = \(id) ORDER BY t.created_at
                """)
            return ConversationHistory(conversation: conversation, customer: customer, messages: messages, tickets: tickets)
        }
    }

    static func customerRecord(_ id: UUID, _ connection: DatabaseConnection) async throws -> CustomerRecord {
        let row = try await connection.query("SELECT name, name_verified FROM customers WHERE id = \(id)").first
        let identifiers = try await connection.query(
            CustomerRecord.Identifier.self,
            """
            SELECT type, value, verified, verified_by, verified_at, created_at FROM customer_identifiers
            WHERE customer_id = \(id) ORDER BY type, value
            """)
        return CustomerRecord(
            id: id, name: try row?.decode("name", as: String?.self), nameVerified: try row?.decode("name_verified") ?? false,
            identifiers: identifiers)
    }
}

extension MessageRecord {
    /// Every message of a conversation, across channels, in time order.
    static func all(inConversation id: UUID, _ connection: DatabaseConnection) async throws -> [MessageRecord] {
        try await connection.query(
            MessageRecord.self, columns.appending("WHERE m.conversation_id = \(id) ORDER BY m.created_at, m.id"))
    }

    /// The columns ``init(row:)`` reads, from `messages m` and its outbox entry.
    static let columns: SQLQuery = """
        SELECT m.id, m.channel, m.direction, m.role, m.content, m.delivery_status, m.created_at,
               m.sender_address, m.sender_proof,
               m.answered_by, m.metadata->>'actor' AS actor, m.model, m.tokens_used, m.latency_ms, m.model_latency_ms,
               m.sentiment::float8 AS sentiment, m.model_sentiment::float8 AS model_sentiment,
               m.tool_calls::text AS tool_calls, m.sources::text AS sources,
               o.status AS outbox_status, o.attempts AS outbox_attempts, o.last_error AS outbox_last_error
        FROM messages m LEFT JOIN outbox o ON o.message_id = m.id\n
        """
}

extension ContactAddress {
    /// The `customer_identifiers.type` values this address can be stored under.
    var identifierTypes: String {
        switch self {
        case .email: "{email}"
        case .phone: "{phone,whatsapp}"
        }
    }
}
