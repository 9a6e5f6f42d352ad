import Foundation

/// Records what channel providers report about outbound messages (Twilio status callbacks),
/// moving `messages.delivery_status` only forward: a late `delivered` never overwrites `read`.
public struct DeliveryStatusStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Applies a status callback to the outbound WhatsApp message it names.
    /// - Returns: whether a stored message changed (`false` for unknown ids, duplicates and
    ///   regressions).
    @discardableResult
    public func apply(_ callback: TwilioStatusCallback) async throws -> Bool {
        try await database.withTransaction { connection in
            guard let row = try await connection.query(
                """
                SELECT id, delivery_status FROM messages
                WHERE channel = 'whatsapp' AND channel_message_id = \(callback.messageSID) AND direction = 'outbound'
                FOR UPDATE
                """).first
            else { return false }
            let current = TwilioMessageStatus(rawValue: try row.decode("delivery_status", as: String.self))
            guard callback.status.shouldReplace(current) else { return false }
            let id: UUID = try row.decode("id")
            try await connection.execute(
                "UPDATE messages SET delivery_status = \(callback.status.storedDeliveryStatus) WHERE id = \(id)")
            return true
        }
    }
}
