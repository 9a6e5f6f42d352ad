import Foundation

/// How a web-form submission's e-mail address stops being a claim: the answer to a web-form
/// ticket is also e-mailed to the address the form gave (a new Gmail thread), and when a
/// DMARC-verified e-mail from that very address arrives **in that thread**, the mailbox's owner
/// has shown they read the answer and are writing about that ticket. The submission is then
/// proven (`messages.sender_proof = 'email_reply'`): the agent may show it, and the answer to
/// it, to that address from then on ("I see you wrote to us through our support form about …").
///
/// Nobody else can prove a submission: the e-mail must pass DMARC for the form's own address,
/// and only the mailbox that received the answer knows the thread it is in.
enum WebFormProof {
    /// A web-form submission an e-mail proves.
    struct Submission: Sendable, Equatable {
        var messageID: UUID
        var customerID: UUID
    }

    /// The statement that finds the submission whose e-mailed answer `event` replies to (one
    /// row or none); `nil` when `event` is not a verified e-mail in a thread. The Gmail id of
    /// a message that starts a thread is the thread's id, which the outbox stored as the
    /// answer's provider id.
    static func query(for event: IncomingEvent) -> SQLQuery? {
        guard event.channel == .email, event.senderIsVerified, let thread = event.threadID,
            let sender = MessageSender(of: event)
        else { return nil }
        return """
            SELECT q.id, c.customer_id
            FROM outbox o JOIN messages r ON r.id = o.message_id
            JOIN messages q ON q.id = r.reply_to_message_id JOIN conversations c ON c.id = q.conversation_id
            WHERE o.channel = 'web_form' AND o.provider_message_ids @> \([thread])::text[]
              AND q.channel = 'web_form' AND q.sender_address = \(sender.address)
            ORDER BY q.created_at DESC LIMIT 1
            """
    }

    /// The submission in the rows of ``query(for:)``, if it belongs to `customerID`.
    static func submission(in rows: [DatabaseRow], customerID: UUID) throws -> Submission? {
        guard let row = rows.first, try row.decode("customer_id", as: UUID.self) == customerID else { return nil }
        return Submission(messageID: try row.decode("id"), customerID: customerID)
    }

    /// The statement that marks the submission proven (once).
    static func proving(_ submission: Submission) -> SQLQuery {
        """
        UPDATE messages SET sender_proof = \(SenderProof.emailReply.rawValue)
        WHERE id = \(submission.messageID) AND sender_proof IS NULL
        """
    }
}
