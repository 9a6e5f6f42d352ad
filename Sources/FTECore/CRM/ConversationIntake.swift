import Foundation

/// An inbound message as the CRM stored it.
public struct InboundRecord: Sendable, Equatable {
    public var customerID: UUID
    public var customerName: String?
    /// Whether the channel proves the sender's address (see ``CustomerIdentity``): only then may
    /// the agent use the customer's history on other channels.
    public var senderProven: Bool
    public var conversationID: UUID
    public var messageID: UUID
    public var ticketID: UUID
    /// The channel of the conversation's previous message, when it was another one.
    public var switchedFrom: Channel?
    /// A reply to this message is already stored: the event was redelivered.
    public var alreadyAnswered: Bool
}

/// Stores inbound messages: finds the customer across channels, reuses their active
/// conversation younger than 24 hours (by last message) or opens one, records channel switches,
/// stores the message once per channel message id (with what a later reply needs, see
/// ``InboundMessageMetadata``), and opens its ticket — with the web form's id when it came
/// from there.
public struct ConversationIntake: Sendable {
    /// How long a quiet conversation stays open for new messages.
    public static let conversationWindowHours = 24
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores `event` (once: a redelivery finds what the first delivery stored).
    /// - Parameter sentiment: the message's score on the 0–1 scale.
    public func record(_ event: IncomingEvent, sentiment: Double) async throws -> InboundRecord {
        try await database.withTransaction { connection in
            let identity = try await CustomerIdentity.resolve(event, in: connection)
            if let stored = try await storedMessage(event, identity: identity, in: connection) { return stored }
            let (conversationID, switchedFrom) = try await conversation(for: event, customerID: identity.customerID, in: connection)
            let ticket = try await ticket(for: event, conversationID: conversationID, in: connection)
            let messageID = try await store(
                event, sentiment: sentiment, customerID: identity.customerID, conversationID: conversationID,
                switched: switchedFrom != nil, ticket: ticket, in: connection)
            return InboundRecord(
                customerID: identity.customerID, customerName: identity.name, senderProven: identity.senderProven,
                conversationID: conversationID, messageID: messageID, ticketID: ticket.id, switchedFrom: switchedFrom,
                alreadyAnswered: false)
        }
    }

    /// The ticket a new message belongs to.
    private enum TicketChoice {
        /// The conversation's open ticket.
        case existing(UUID)
        /// A ticket to open with the message, under this id.
        case new(UUID)

        var id: UUID {
            switch self {
            case .existing(let id), .new(let id): id
            }
        }
    }

    /// Stores the message in one statement: the message with its ticket, the ticket itself when
    /// it is new (each refers to the other; the foreign keys are checked when the statement
    /// ends), and the conversation's last message, channel and running sentiment.
    private func store(
        _ event: IncomingEvent, sentiment: Double, customerID: UUID, conversationID: UUID, switched: Bool,
        ticket: TicketChoice, in connection: DatabaseConnection
    ) async throws -> UUID {
        let channel = event.channel.rawValue
        var opening: SQLQuery = ""
        if case .new(let id) = ticket {
            let subject = event.subject ?? String(event.content.prefix(80))
            opening = """
                , ticket AS (
                    INSERT INTO tickets (id, customer_id, conversation_id, source_channel, source_message_id, subject,
                                         category, priority, status)
                    SELECT \(id), \(customerID), \(conversationID), \(channel), message.id, \(subject),
                           \((event.category ?? .general).rawValue), \((event.priority ?? .medium).rawValue), 'processing'
                    FROM message
                    RETURNING id
                ), created AS (
                    INSERT INTO ticket_events (ticket_id, kind, to_status, actor, note)
                    SELECT id, 'created', 'processing', 'worker', \("opened from a \(channel) message") FROM ticket
                )
                """
        }
        return try await connection.query(
            """
            WITH message AS (
                INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id,
                                      delivery_status, sentiment, metadata, created_at, ticket_id)
                VALUES (\(conversationID), \(channel), 'inbound', 'customer', \(event.content),
                        \(event.channelMessageID), 'received', \(sentiment), \(PostgresJSON(InboundMessageMetadata(event: event))),
                        now(), \(ticket.id))
                RETURNING id
            )\(fragment: opening), conversation AS (
                UPDATE conversations SET last_message_at = now(), last_channel = \(channel),
                       channel_switches = channel_switches + \(switched ? 1 : 0),
                       sentiment = CASE WHEN sentiment IS NULL THEN \(sentiment) ELSE (sentiment + \(sentiment)) / 2 END
                WHERE id = \(conversationID)
            )
            SELECT id FROM message
            """
        ).first!.decode("id")
    }

    /// What an earlier delivery of the same channel message stored, if any.
    private func storedMessage(
        _ event: IncomingEvent, identity: CustomerIdentity, in connection: DatabaseConnection
    ) async throws -> InboundRecord? {
        guard let row = try await connection.query(
            """
            SELECT m.id, m.conversation_id, m.ticket_id,
                   EXISTS (SELECT 1 FROM messages r WHERE r.reply_to_message_id = m.id) AS answered
            FROM messages m
            WHERE m.channel = \(event.channel.rawValue) AND m.channel_message_id = \(event.channelMessageID)
              AND m.direction = 'inbound'
            """).first
        else { return nil }
        return InboundRecord(
            customerID: identity.customerID, customerName: identity.name, senderProven: identity.senderProven,
            conversationID: try row.decode("conversation_id"), messageID: try row.decode("id"),
            ticketID: try row.decode("ticket_id"), switchedFrom: nil, alreadyAnswered: try row.decode("answered"))
    }

    /// The customer's active conversation with a message in the last 24 hours (locked; ``store``
    /// updates it), or a new one.
    private func conversation(
        for event: IncomingEvent, customerID: UUID, in connection: DatabaseConnection
    ) async throws -> (UUID, switchedFrom: Channel?) {
        let channel = event.channel.rawValue
        if let row = try await connection.query(
            """
            SELECT id, last_channel FROM conversations
            WHERE customer_id = \(customerID) AND status = 'active'
              AND last_message_at > now() - make_interval(hours => \(Self.conversationWindowHours))
            ORDER BY last_message_at DESC LIMIT 1 FOR UPDATE
            """).first {
            let lastChannel = Channel(rawValue: try row.decode("last_channel"))
            return (try row.decode("id"), lastChannel != event.channel ? lastChannel : nil)
        }
        let id: UUID = try await connection.query(
            """
            INSERT INTO conversations (customer_id, initial_channel, last_channel, metadata)
            VALUES (\(customerID), \(channel), \(channel), \(PostgresJSON(["thread_id": event.threadID])))
            RETURNING id
            """
        ).first!.decode("id")
        return (id, nil)
    }

    /// The web form's ticket (its id is the one the customer was given), else the
    /// conversation's open ticket, else a new one.
    private func ticket(for event: IncomingEvent, conversationID: UUID, in connection: DatabaseConnection) async throws -> TicketChoice {
        if event.channel == .webForm {
            guard let formTicket = UUID(uuidString: event.channelMessageID) else {
                throw WorkerError.invalidEvent("a web form event's channel_message_id must be its ticket id")
            }
            return .new(formTicket)
        }
        if let open = try await connection.query(
            """
            SELECT id FROM tickets WHERE conversation_id = \(conversationID) AND status IN ('open', 'processing')
            ORDER BY created_at DESC LIMIT 1
            """).first {
            return .existing(try open.decode("id"))
        }
        return .new(.random())
    }
}
