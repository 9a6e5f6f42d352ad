extension Migration {
    /// Where each identity came from (docs/worker.md, "Trust model"): how an identifier was
    /// verified and when, whether the customer's name came from a verified sender, and for each
    /// inbound message the address it came from and how that sender was proven (`NULL`: a claim).
    ///
    /// E-mail identifiers verified before this migration were trusted on the `From` header
    /// alone, which anyone can write: they become claims again until a DMARC-verified e-mail or a
    /// reply from the mailbox proves them. WhatsApp numbers were always proven by Twilio's
    /// signature and keep their verification.
    static let identityProvenance = Migration(
        version: 11, name: "identity_provenance",
        sql: """
            ALTER TABLE customer_identifiers
                ADD COLUMN verified_by text CHECK (verified_by IN ('twilio_signature', 'gmail_dmarc', 'email_reply')),
                ADD COLUMN verified_at timestamptz;
            UPDATE customer_identifiers SET verified = false WHERE type <> 'whatsapp' AND verified;
            UPDATE customer_identifiers SET verified_by = 'twilio_signature', verified_at = created_at
            WHERE type = 'whatsapp' AND verified;

            -- A claim never overwrites a name a verified sender gave.
            ALTER TABLE customers ADD COLUMN name_verified boolean NOT NULL DEFAULT false;

            -- The sender of an inbound message: the address it came from and what proved it.
            ALTER TABLE messages
                ADD COLUMN sender_address text,
                ADD COLUMN sender_proof text CHECK (sender_proof IN ('twilio_signature', 'gmail_dmarc', 'email_reply'));
            UPDATE messages SET sender_address = CASE channel WHEN 'whatsapp' THEN metadata->>'phone' ELSE metadata->>'email' END,
                                sender_proof = CASE channel WHEN 'whatsapp' THEN 'twilio_signature' END
            WHERE direction = 'inbound';

            -- Finds the web-form ticket whose e-mailed answer a customer's e-mail replies to.
            CREATE INDEX outbox_web_copy_idx ON outbox USING gin (provider_message_ids) WHERE channel = 'web_form';
            """)
}
