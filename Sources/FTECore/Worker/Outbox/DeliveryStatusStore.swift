import Foundation

/// Records what channel providers report about outbound messages (Twilio status callbacks),
/// moving `messages.delivery_status` only forward: queued → sending → sent → delivered → read;
/// a late `sent` never overwrites `delivered`, nor `delivered` overwrite `read`
/// (``TwilioMessageStatus/shouldReplace(_:)``).
///
/// - A reply the provider reports `failed`, `undelivered` or `canceled` never reached the
///   customer: its ticket is escalated (`delivery_failed`) with the provider's error, once.
/// - A report for a message id the outbox has not recorded yet (the sender has not written it
///   down, or was killed and will reconcile) is kept (`early_delivery_reports`, the furthest
///   status) and applied when the outbox records that id (``applyKeptReport(providerMessageID:message:connection:)``).
///   Both sides take a transaction lock on the id, so no report slips between them.
/// - A report for a later part of a several-message reply changes nothing: the message's
///   status follows its first part.
public struct DeliveryStatusStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Applies a status callback to the outbound WhatsApp message it names.
    /// - Returns: whether a stored message changed (`false` for duplicates, regressions and
    ///   reports kept for later or about later parts).
    @discardableResult
    public func apply(_ callback: TwilioStatusCallback) async throws -> Bool {
        try await database.withTransaction { connection in
            try await Self.lock(callback.messageSID, connection)
            guard let row = try await connection.query(
                """
                SELECT id, delivery_status FROM messages
                WHERE channel = 'whatsapp' AND channel_message_id = \(callback.messageSID) AND direction = 'outbound'
                FOR UPDATE
                """).first
            else {
                try await Self.keep(callback, connection)
                return false
            }
            return try await Self.advance(
                message: try row.decode("id"), from: try row.decode("delivery_status"), by: callback, connection)
        }
    }

    /// Applies the report kept for `providerMessageID`, if any, to `message`, which the outbox
    /// has just recorded under that id, in the outbox's transaction `connection`.
    static func applyKeptReport(providerMessageID: String, message: UUID, connection: DatabaseConnection) async throws {
        try await lock(providerMessageID, connection)
        guard let kept = try await connection.query(
            """
            DELETE FROM early_delivery_reports WHERE provider_message_id = \(providerMessageID)
            RETURNING status, error_code, error_message
            """).first,
            let status = TwilioMessageStatus(rawValue: try kept.decode("status"))
        else { return }
        let current = try await connection.query("SELECT delivery_status FROM messages WHERE id = \(message) FOR UPDATE")
        guard let current = current.first else { return }
        let callback = TwilioStatusCallback(
            messageSID: providerMessageID, status: status, errorCode: try kept.decode("error_code"),
            errorMessage: try kept.decode("error_message"))
        _ = try await advance(message: message, from: try current.decode("delivery_status"), by: callback, connection)
    }

    /// Serialises reports and the outbox's recording for one provider id until the transaction ends.
    private static func lock(_ providerMessageID: String, _ connection: DatabaseConnection) async throws {
        _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(providerMessageID), 22)) AS locked")
    }

    /// Moves `message` from `stored` to the callback's status if that is further along, escalating
    /// its ticket when the provider reports a failure.
    private static func advance(
        message: UUID, from stored: String, by callback: TwilioStatusCallback, _ connection: DatabaseConnection
    ) async throws -> Bool {
        guard callback.status.shouldReplace(TwilioMessageStatus(rawValue: stored)) else { return false }
        var statement: SQLQuery = """
            WITH changed AS (
                UPDATE messages SET delivery_status = \(callback.status.storedDeliveryStatus) WHERE id = \(message) RETURNING id
            )
            """
        if callback.status.isFailure {
            var detail = "Twilio reported the reply \(callback.status.rawValue)"
            if let code = callback.errorCode { detail += " (error \(code))" }
            if let text = callback.errorMessage { detail += ": " + String(text.prefix(300)) }
            statement.append(TicketLifecycle.escalating(
                .ticket(ofMessage: message),
                TicketLifecycle.Escalation(
                    reason: EscalationReason.deliveryFailed.rawValue, summary: detail + "; the customer did not get it.",
                    context: ["message_id": message.lowercasedString, "provider_message_id": callback.messageSID],
                    actor: "outbox", note: EscalationReason.deliveryFailed.rawValue, escalatesConversation: false),
                guardedBy: "changed"))
        }
        statement.append(" SELECT id FROM changed")
        return try await !connection.query(statement).isEmpty
    }

    /// Keeps a report for an id no stored message has, unless it names a later part of a
    /// recorded reply; a kept report is replaced only by one further along. Reports older than
    /// a week (ids fte never recorded) are dropped.
    private static func keep(_ callback: TwilioStatusCallback, _ connection: DatabaseConnection) async throws {
        let known = try await connection.query(
            "SELECT 1 AS known FROM outbox WHERE provider_message_ids @> ARRAY[\(callback.messageSID)]::text[] LIMIT 1")
        guard known.isEmpty else { return }
        let kept = try await connection.query(
            "SELECT status FROM early_delivery_reports WHERE provider_message_id = \(callback.messageSID)").first
        if let kept, !callback.status.shouldReplace(TwilioMessageStatus(rawValue: try kept.decode("status"))) { return }
        try await connection.execute(
            """
            WITH pruned AS (DELETE FROM early_delivery_reports WHERE received_at < now() - interval '7 days')
            INSERT INTO early_delivery_reports (provider_message_id, channel, status, error_code, error_message)
            VALUES (\(callback.messageSID), 'whatsapp', \(callback.status.rawValue), \(callback.errorCode), \(callback.errorMessage))
            ON CONFLICT (provider_message_id) DO UPDATE
                SET status = excluded.status, error_code = excluded.error_code, error_message = excluded.error_message,
                    received_at = now()
            """)
    }
}
