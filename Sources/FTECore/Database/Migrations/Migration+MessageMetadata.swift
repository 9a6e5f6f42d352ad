extension Migration {
    /// What a later reply needs to know about a stored message: for an inbound message the
    /// address it came from and the e-mail threading (subject, Gmail thread, Message-ID,
    /// References); for a human's reply who wrote it. See ``InboundMessageMetadata``.
    static let messageMetadata = Migration(
        version: 8, name: "message_metadata",
        sql: """
            ALTER TABLE messages ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
            """)
}
