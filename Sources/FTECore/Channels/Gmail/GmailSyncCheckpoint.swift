import Foundation

/// Reads and writes the `gmail_sync` row of one mailbox. Every function runs on the caller's
/// connection, so they compose inside one transaction.
enum GmailSyncCheckpoint {
    /// Serialises syncs of `mailbox` until the surrounding transaction ends.
    static func lock(_ mailbox: String, on connection: DatabaseConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\("gmail_sync:" + mailbox), 0))")
    }

    /// The history id the next sync starts from, or nil before the first sync.
    static func historyID(of mailbox: String, on connection: DatabaseConnection) async throws -> String? {
        let rows = try await connection.query(
            "SELECT history_id::text AS history_id FROM gmail_sync WHERE mailbox = \(mailbox)")
        return try rows.first?.decode("history_id", as: String?.self)
    }

    /// Moves the checkpoint to `historyID`, never backwards.
    static func advance(_ mailbox: String, to historyID: String, on connection: DatabaseConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO gmail_sync (mailbox, history_id) VALUES (\(mailbox), \(historyID)::numeric)
            ON CONFLICT (mailbox) DO UPDATE SET
                history_id = GREATEST(gmail_sync.history_id, EXCLUDED.history_id), updated_at = now()
            """)
    }

    /// Records a renewed watch; its history id becomes the checkpoint only if there is none yet.
    static func recordWatch(_ mailbox: String, _ watch: GmailWatch, on database: Database) async throws {
        try await database.execute(
            """
            INSERT INTO gmail_sync (mailbox, history_id, watch_expires_at)
            VALUES (\(mailbox), \(watch.historyID)::numeric, \(watch.expiration))
            ON CONFLICT (mailbox) DO UPDATE SET
                history_id = COALESCE(gmail_sync.history_id, EXCLUDED.history_id),
                watch_expires_at = EXCLUDED.watch_expires_at, updated_at = now()
            """)
    }
}
