import Foundation

/// An inbound message as the CRM stored it.
public struct InboundRecord: Sendable, Equatable {
    public var customerID: UUID
    /// The customer's name in the CRM (the humans' view); replies greet with the name the
    /// message itself gave.
    public var customerName: String?
    /// The address the message came from and what proved it (see ``MessageSender``).
    public var sender: MessageSender
    public var conversationID: UUID
    public var messageID: UUID
    public var ticketID: UUID
    /// The channel of the conversation's previous message, when it was another one.
    public var switchedFrom: Channel?
    /// A reply to this message is already stored: the event was redelivered.
    public var alreadyAnswered: Bool
    /// The customer's earlier messages, oldest first, read in the round trip that stored this
    /// one (see ``ConversationIntake/history(before:channel:limit:)``); `nil` when an earlier
    /// delivery stored the message.
    public var history: [HistoryMessage]?

    /// Whether a channel proved the sender's address: only then may the agent use what earlier
    /// verified messages from that address said.
    public var senderProven: Bool { sender.isVerified }
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

    /// Stores `event` (once: a redelivery finds what the first delivery stored) and reads the
    /// customer's history with it.
    ///
    /// Three round trips for a known customer: the `BEGIN`, the address locks, the customer
    /// lookup, the check for an earlier delivery (and for a verified e-mail in a thread, the
    /// web-form submission it proves, see ``WebFormProof``) in one pipeline; the conversation
    /// (with its open ticket); and the proof, the message, its ticket, the conversation's
    /// update, the history and the `COMMIT` in another. The commit does not wait for the disk
    /// (see docs/worker.md, "Durability"): nothing outside the database learns of the message
    /// before its reply is committed, and that commit waits for both.
    /// - Parameter sentiment: the message's score on the 0–1 scale.
    public func record(_ event: IncomingEvent, sentiment: Double) async throws -> InboundRecord {
        let lookup = try CustomerIdentity.lookup(for: event)
        let earlierDelivery = Self.storedMessageQuery(event)
        let proof = WebFormProof.query(for: event)
        return try await database.withTransaction { connection in
            let found = try await connection.pipeline(lookup + [earlierDelivery] + [proof].compactMap { $0 })
            let identity = try await CustomerIdentity.resolve(event, known: found[lookup.count - 1], in: connection)
            if let stored = try Self.storedMessage(found[lookup.count], identity: identity) { return stored }
            let proven = proof == nil ? nil : try WebFormProof.submission(in: found[lookup.count + 1], customerID: identity.customerID)
            let (conversationID, switchedFrom, openTicket) = try await conversation(for: event, identity: identity, in: connection)
            let ticket = try ticket(for: event, openTicket: openTicket)
            var inbound = InboundRecord(
                customerID: identity.customerID, customerName: identity.name, sender: identity.sender,
                conversationID: conversationID, messageID: .random(), ticketID: ticket.id, switchedFrom: switchedFrom,
                alreadyAnswered: false)
            let proving = proven.map { [WebFormProof.proving($0)] } ?? []
            let stored = try await connection.pipeline(proving + [
                store(event, as: inbound, sentiment: sentiment, ticket: ticket),
                Self.historyQuery(before: inbound, channel: event.channel),
                // Not flushed to disk before it returns: the reply's commit, which is, flushes
                // it too (the log is written in order), and until then the event stays queued.
                "SET LOCAL synchronous_commit TO off",
                "COMMIT",
            ])
            inbound.history = try Self.history(from: stored[proving.count + 1])
            return inbound
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

    /// The statement that stores the message: the message with its ticket, the ticket itself
    /// when it is new (each refers to the other; the foreign keys are checked when the statement
    /// ends), and the conversation's last message, channel and running sentiment.
    private func store(_ event: IncomingEvent, as inbound: InboundRecord, sentiment: Double, ticket: TicketChoice) -> SQLQuery {
        let channel = event.channel.rawValue
        var opening: SQLQuery = ""
        if case .new(let id) = ticket {
            opening = TicketLifecycle.opening(
                id, customer: inbound.customerID, conversation: inbound.conversationID, channel: event.channel,
                message: "message", subject: event.subject ?? String(event.content.prefix(80)),
                category: event.category ?? .general, priority: event.priority ?? .medium)
        }
        return """
            WITH message AS (
                INSERT INTO messages (id, conversation_id, channel, direction, role, content, channel_message_id,
                                      delivery_status, sentiment, metadata, created_at, ticket_id, sender_address, sender_proof)
                VALUES (\(inbound.messageID), \(inbound.conversationID), \(channel), 'inbound', 'customer', \(event.content),
                        \(event.channelMessageID), 'received', \(sentiment), \(PostgresJSON(InboundMessageMetadata(event: event))),
                        now(), \(ticket.id), \(inbound.sender.address), \(inbound.sender.proof?.rawValue))
                RETURNING id
            )\(fragment: opening), conversation AS (
                UPDATE conversations SET last_message_at = now(), last_channel = \(channel),
                       channel_switches = channel_switches + \(inbound.switchedFrom != nil ? 1 : 0),
                       sentiment = CASE WHEN sentiment IS NULL THEN \(sentiment) ELSE (sentiment + \(sentiment)) / 2 END
                WHERE id = \(inbound.conversationID)
            )
            SELECT id FROM message
            """
    }

    /// The statement that finds what an earlier delivery of the same channel message stored.
    private static func storedMessageQuery(_ event: IncomingEvent) -> SQLQuery {
        """
        SELECT m.id, m.conversation_id, m.ticket_id,
               EXISTS (SELECT 1 FROM messages r WHERE r.reply_to_message_id = m.id) AS answered
        FROM messages m
        WHERE m.channel = \(event.channel.rawValue) AND m.channel_message_id = \(event.channelMessageID)
          AND m.direction = 'inbound'
        """
    }

    /// What an earlier delivery stored, from the rows of ``storedMessageQuery(_:)``.
    private static func storedMessage(_ rows: [DatabaseRow], identity: CustomerIdentity) throws -> InboundRecord? {
        guard let row = rows.first else { return nil }
        return InboundRecord(
            customerID: identity.customerID, customerName: identity.name, sender: identity.sender,
            conversationID: try row.decode("conversation_id"), messageID: try row.decode("id"),
            ticketID: try row.decode("ticket_id"), switchedFrom: nil, alreadyAnswered: try row.decode("answered"))
    }

    /// The customer's active conversation with a message in the last 24 hours (locked; the
    /// message's statement updates it) with the open ticket the message joins, or a new
    /// conversation.
    ///
    /// The open ticket a message joins is the newest one the **same sender** opened: on the
    /// same channel, from the same address, verified or not alike. Anyone else's message —
    /// another channel's, or a claim's — opens a ticket of its own, so a ticket never mixes
    /// what a verified sender wrote with what a claimant wrote.
    private func conversation(
        for event: IncomingEvent, identity: CustomerIdentity, in connection: DatabaseConnection
    ) async throws -> (UUID, switchedFrom: Channel?, openTicket: UUID?) {
        let channel = event.channel.rawValue
        if !identity.isNew, let row = try await connection.query(
            """
            SELECT c.id, c.last_channel,
                   (SELECT t.id FROM tickets t JOIN messages s ON s.id = t.source_message_id
                    WHERE t.conversation_id = c.id AND t.status IN ('open', 'processing') AND t.source_channel = \(channel)
                      AND s.sender_address = \(identity.sender.address)
                      AND (s.sender_proof IS NOT NULL) = \(identity.sender.isVerified)
                    ORDER BY t.created_at DESC LIMIT 1) AS open_ticket
            FROM conversations c
            WHERE c.customer_id = \(identity.customerID) AND c.status = 'active'
              AND c.last_message_at > now() - make_interval(hours => \(Self.conversationWindowHours))
            ORDER BY c.last_message_at DESC LIMIT 1 FOR UPDATE OF c
            """).first {
            let lastChannel = Channel(rawValue: try row.decode("last_channel"))
            return (try row.decode("id"), lastChannel != event.channel ? lastChannel : nil, try row.decode("open_ticket"))
        }
        let id: UUID = try await connection.query(
            """
            INSERT INTO conversations (customer_id, initial_channel, last_channel, metadata)
            VALUES (\(identity.customerID), \(channel), \(channel), \(PostgresJSON(["thread_id": event.threadID])))
            RETURNING id
            """
        ).first!.decode("id")
        return (id, nil, nil)
    }

    /// The web form's ticket (its id is the one the customer was given), else the open ticket
    /// the sender's message joins, else a new one.
    private func ticket(for event: IncomingEvent, openTicket: UUID?) throws -> TicketChoice {
        if event.channel == .webForm {
            guard let formTicket = UUID(uuidString: event.channelMessageID) else {
                throw IntakeError("a web form event's channel_message_id must be its ticket id")
            }
            return .new(formTicket)
        }
        return openTicket.map(TicketChoice.existing) ?? .new(.random())
    }
}
