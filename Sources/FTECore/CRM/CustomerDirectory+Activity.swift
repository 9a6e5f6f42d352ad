import Foundation

/// How a support lead names a customer: an address they wrote from, or their id.
public enum CustomerLookup: Sendable, Hashable {
    case address(ContactAddress)
    case id(UUID)

    /// Parses a customer id (a UUID), an e-mail address or a phone number in international form.
    /// - Returns: `nil` when `text` is none of them.
    public init?(_ text: String) {
        if let id = UUID(uuidString: text.trimmingWhitespace()) {
            self = .id(id)
        } else if let address = ContactAddress(text) {
            self = .address(address)
        } else {
            return nil
        }
    }
}

extension CustomerDirectory {
    /// A customer with everything a support lead looks at first.
    public struct CustomerActivity: Sendable, Encodable {
        public var customer: CustomerRecord
        /// Newest first.
        public var conversations: [ConversationSummary]
        /// Newest first.
        public var tickets: [TicketSummary]
        /// The latest messages across every channel and conversation, oldest first.
        public var messages: [MessageRecord]
    }

    /// Most messages ``activity(of:messages:)`` returns.
    public static let maxActivityMessages = 100

    /// The customer named by `lookup` with their conversations, up to 50 tickets and their latest
    /// `messages` messages across all channels; `nil` when no customer matches.
    /// - Throws: ``TicketError`` `invalidInput` for `messages` outside 1...``maxActivityMessages``;
    ///   ``DatabaseError``.
    public func activity(of lookup: CustomerLookup, messages limit: Int = 20) async throws -> CustomerActivity? {
        guard (1...Self.maxActivityMessages).contains(limit) else {
            throw TicketError(code: .invalidInput, message: "limit must be between 1 and \(Self.maxActivityMessages) (got \(limit))")
        }
        let found = try await database.withConnection { connection -> (CustomerRecord, [ConversationSummary], [MessageRecord])? in
            guard let id = try await Self.customerID(lookup, connection) else { return nil }
            let messages = try await connection.query(
                MessageRecord.self,
                MessageRecord.columns.appending(
                    """
                    WHERE m.conversation_id IN (SELECT id FROM conversations WHERE customer_id = \(id))
                    ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit)
                    """))
            return (try await Self.customerRecord(id, connection), try await Self.conversations(of: id, connection), messages.reversed())
        }
        guard let (customer, conversations, messages) = found else { return nil }
        let tickets = try await TicketStore(database: database).list(TicketFilter(customerID: customer.id, limit: 50))
        return CustomerActivity(customer: customer, conversations: conversations, tickets: tickets, messages: messages)
    }

    /// The id of the customer `lookup` names, if one exists.
    static func customerID(_ lookup: CustomerLookup, _ connection: DatabaseConnection) async throws -> UUID? {
        switch lookup {
        case .id(let id):
            return try await connection.query("SELECT id FROM customers WHERE id = \(id)").first?.decode("id")
        case .address(let address):
            return try await connection.query(
                """
                SELECT customer_id FROM customer_identifiers
                WHERE value = \(address.value) AND type = ANY(\(address.identifierTypes)::text[]) LIMIT 1
                """
            ).first?.decode("customer_id")
        }
    }

    /// A customer's conversations, newest first (at most 100).
    static func conversations(of customerID: UUID, _ connection: DatabaseConnection) async throws -> [ConversationSummary] {
        try await connection.query(
            ConversationSummary.self,
            "SELECT * FROM conversations WHERE customer_id = \(customerID) ORDER BY last_message_at DESC LIMIT 100")
    }
}
