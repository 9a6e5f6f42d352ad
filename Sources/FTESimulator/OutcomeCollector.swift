import FTECore
import Foundation

/// Reads what the system under test made of the messages: the stored inbound message, its
/// customer, its reply, its escalations and the reply's delivery.
struct OutcomeCollector {
    let database: Database
    /// Wall-clock instant of real time 0.
    let origin: Date

    /// Outcomes by `channel:channel_message_id`.
    func outcomes() async throws -> [String: MessageOutcome] {
        let rows = try await database.query(
            """
            SELECT m.channel, m.channel_message_id, c.customer_id::text AS customer_id,
                   (SELECT count(*) FROM messages x WHERE x.reply_to_message_id = m.id)::int AS replies,
                   r.created_at AS reply_at, r.answered_by, coalesce(r.tokens_used, 0) AS tokens,
                   o.sent_at, coalesce(o.status = 'failed', false) AS delivery_failed,
                   (SELECT string_agg(DISTINCT e.reason, ',') FROM escalations e JOIN tickets t ON t.id = e.ticket_id
                    WHERE t.source_message_id = m.id OR t.id = r.ticket_id) AS reasons
            FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN messages r ON r.reply_to_message_id = m.id
            LEFT JOIN outbox o ON o.message_id = r.id
            WHERE m.direction = 'inbound'
            """)
        var outcomes: [String: MessageOutcome] = [:]
        for row in rows {
            let key = "\(try row.decode("channel", as: String.self)):\(try row.decode("channel_message_id", as: String?.self) ?? "")"
            outcomes[key] = MessageOutcome(
                customerID: try row.decode("customer_id"), replies: try row.decode("replies"),
                replyStoredAt: try row.decode("reply_at", as: Date?.self).map(seconds),
                answeredBy: try row.decode("answered_by"),
                escalationReasons: (try row.decode("reasons", as: String?.self) ?? "").split(separator: ",").map(String.init),
                deliveredAt: try row.decode("sent_at", as: Date?.self).map(seconds),
                deliveryFailed: try row.decode("delivery_failed"), tokens: try row.decode("tokens"))
        }
        return outcomes
    }

    /// Acknowledged messages the system has not finished with: no reply yet, or a reply still in
    /// the outbox.
    /// One query a second while draining, not the full ``outcomes()``.
    func unfinished(_ keys: [String]) async throws -> Int {
        let row = try await database.query(
            """
            SELECT (SELECT count(*) FROM messages m
                    WHERE m.direction = 'inbound'
                      AND m.channel || ':' || m.channel_message_id = ANY(string_to_array(\(keys.joined(separator: "\n")), E'\\n'))
                      AND (EXISTS (SELECT 1 FROM messages r WHERE r.reply_to_message_id = m.id)
                           OR EXISTS (SELECT 1 FROM escalations e JOIN tickets t ON t.id = e.ticket_id
                                      WHERE t.source_message_id = m.id)))::int AS handled,
                   (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int AS pending
            """)[0]
        return keys.count - (try row.decode("handled", as: Int.self)) + (try row.decode("pending", as: Int.self))
    }

    /// The messages each provider should hold from the outbox: the ids recorded as sent (a send
    /// cut off mid-way is reconciled with the provider, so its message is recorded once).
    /// `twilio`: WhatsApp parts; `gmail`: e-mails, web-form copies included.
    func providerMessagesAccountedFor() async throws -> (twilio: Int, gmail: Int) {
        let rows = try await database.query(
            """
            WITH counted AS (
                SELECT channel, cardinality(provider_message_ids) AS n FROM outbox WHERE status = 'sent'
            )
            SELECT coalesce(sum(n) FILTER (WHERE channel = 'whatsapp'), 0)::int AS twilio,
                   coalesce(sum(CASE WHEN n > 0 THEN 1 ELSE 0 END) FILTER (WHERE channel <> 'whatsapp'), 0)::int AS gmail
            FROM counted
            """)
        return (try rows[0].decode("twilio"), try rows[0].decode("gmail"))
    }

    /// A reply the outbox gave up on (marked failed and escalated).
    struct FailedReply {
        var messageID: UUID
        var channel: Channel
        var recipient: String
        var firstPart: String
    }

    /// The replies the outbox marked failed.
    func failedReplies() async throws -> [FailedReply] {
        try await database.query(
            "SELECT message_id, channel, recipient, payload -> 'parts' ->> 0 AS first_part FROM outbox WHERE status = 'failed'"
        ).map { row in
            FailedReply(
                messageID: try row.decode("message_id"), channel: Channel(rawValue: try row.decode("channel")) ?? .email,
                recipient: try row.decode("recipient"), firstPart: try row.decode("first_part", as: String?.self) ?? "")
        }
    }

    private func seconds(_ date: Date) -> Double { date.timeIntervalSince(origin) }
}
