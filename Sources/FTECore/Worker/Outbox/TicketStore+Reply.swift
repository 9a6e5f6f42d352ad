import Foundation

/// A human's reply queued by ``TicketStore/reply(_:message:actor:resolve:)``.
public struct HumanReply: Sendable, Encodable {
    /// The stored outbound message.
    public var messageID: UUID
    /// The channel it goes out on: that of the ticket's latest inbound message.
    public var channel: Channel
    /// The customer's e-mail address, or their phone number on WhatsApp.
    public var recipient: String
    /// How many messages it is sent as (a long WhatsApp reply is split).
    public var parts: Int
    /// WhatsApp only: the customer's last message is older than the 24-hour service window, so
    /// Twilio accepts only the configured template (`FTE_TWILIO_TEMPLATE_SID`), not the text.
    public var outsideWhatsAppWindow: Bool
    /// The ticket after the reply.
    public var ticket: TicketRecord

    enum CodingKeys: String, CodingKey {
        case channel, recipient, parts, ticket
        case messageID = "message_id", outsideWhatsAppWindow = "outside_whatsapp_window"
    }
}

extension TicketStore {
    /// Most characters a human reply may have.
    public static let maxReplyCharacters = 10_000

    /// Answers the customer of ticket `id` as a human, through the channel of the ticket's
    /// latest inbound message: stores an outbound `human` message in the ticket's conversation
    /// and queues it in the outbox for the recipient that message came from (threaded into the
    /// customer's e-mail; split at sentence boundaries on WhatsApp). The ``OutboxDispatcher`` of
    /// a running worker sends it.
    ///
    /// The ticket goes to `processing` (its pending escalations become `assigned`), or with
    /// `resolve` to `resolved` with the note "answered by `actor`"; a `note` event records the
    /// reply. Everything happens in one transaction.
    /// - Parameters:
    ///   - message: the reply as the customer will read it (no greeting or sign-off is added).
    ///   - actor: who is answering.
    /// - Throws: ``TicketError`` `invalidInput` (empty, or over ``maxReplyCharacters``),
    ///   `notFound`, `noAddress` (the customer has no address on the channel); ``DatabaseError``.
    public func reply(_ id: UUID, message: String, actor: String, resolve: Bool = false) async throws -> HumanReply {
        let text = message.trimmingWhitespace()
        guard !text.isEmpty else {
            throw TicketError(code: .invalidInput, message: "--message must not be empty")
        }
        guard text.count <= Self.maxReplyCharacters else {
            throw TicketError(
                code: .invalidInput,
                message: "--message has \(text.count) characters; a reply may have at most \(Self.maxReplyCharacters)")
        }
        return try await database.withTransaction { connection in
            let (ticket, current) = try await Self.lockedTicket(id, in: connection)
            let target = try await ReplyTarget.find(for: ticket, in: connection)
            let shaped = ReplyShaper().verbatim(text, for: target.channel)
            let payload = OutboxPayload.reply(
                to: target.metadata, receivedAt: target.receivedAt, parts: shaped.messages, ticketID: id,
                customerName: target.customerName)
            let outbox = Outbox.queueingEverything
            let reply = ReplyRecord(content: shaped.messages.joined(separator: "\n\n"), author: .human)
            let newStatus: TicketStatus = resolve ? .resolved : .processing
            let ticketTarget = TicketLifecycle.Target.ticket(id, conversation: ticket.conversationId)
            let change = resolve
                ? TicketLifecycle.closing(ticketTarget, notes: "answered by \(actor)", actor: actor)
                : TicketLifecycle.takingUp(ticketTarget)
            let changed = current != newStatus
            let messageID: UUID = try await connection.query(
                """
                WITH message AS (\(fragment: ReplyRecorder.inserting(
                    reply, conversation: ticket.conversationId, channel: target.channel, ticket: id,
                    status: outbox.initialStatus(on: target.channel), answering: nil, metadata: ["actor": actor]))
                )\(fragment: outbox.queueing(from: "message", channel: target.channel, recipient: target.recipient, payload: payload))\(
                    fragment: change)\(fragment: TicketLifecycle.event(
                        ticketTarget, kind: "note", from: changed ? current : nil, to: changed ? newStatus : nil, actor: actor,
                        note: "replied by \(target.channel.displayName) to \(target.recipient)"))
                SELECT id FROM message
                """
            ).first!.decode("id")
            let outsideWindow = target.channel == .whatsapp
                && target.receivedAt.map { Date().timeIntervalSince($0) >= WhatsAppReplySender.serviceWindow } ?? false
            return HumanReply(
                messageID: messageID, channel: target.channel, recipient: target.recipient, parts: shaped.messages.count,
                outsideWhatsAppWindow: outsideWindow, ticket: try await Self.reread(id, in: connection))
        }
    }
}
