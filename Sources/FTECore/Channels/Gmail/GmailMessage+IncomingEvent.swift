import Foundation

extension GmailMessage {
    /// Labels of messages we wrote ourselves, which must never become customer events.
    public static let ownMessageLabels: Set<String> = ["SENT", "DRAFT"]

    /// The normalised queue event for a customer e-mail: channel `email`, the Gmail id as
    /// channel message id, the thread id, the decoded subject, the new text of the body (quotes
    /// and signature removed), the sender's normalised address and name, whether Gmail proved
    /// that address (``EmailSenderVerification``), `receivedAt` from `internalDate`, and metadata
    /// `message_id`, `in_reply_to`, `references`, `to`, `cc`, `date`, `history_id` and
    /// `sender_verification` (the evidence). Bidirectional controls are removed from the name
    /// and the subject; a name with nothing visible is dropped.
    /// - Parameters:
    ///   - ownAddress: our mailbox (`FTE_GMAIL_ADDRESS`); messages from it are skipped.
    ///   - fallbackReceivedAt: used when the message has no `internalDate`.
    /// - Returns: nil for messages labelled `SENT` or `DRAFT`, or sent from `ownAddress`.
    /// - Throws: ``GmailMessageError`` when there is no usable sender or body.
    public func incomingEvent(
        ownAddress: String?, eventID: UUID = .random(), fallbackReceivedAt: Date = Date()
    ) throws(GmailMessageError) -> IncomingEvent? {
        guard labelIDs.allSatisfy({ !Self.ownMessageLabels.contains($0) }) else { return nil }
        let headers = EmailHeaders(payload?.headers ?? [])
        guard let from = headers["From"].flatMap({ EmailMailbox.parseList($0).first }) else {
            throw GmailMessageError(.missingSender, "message \(id) has no From header with a valid address")
        }
        if let ownAddress, from.address == ContactAddress.normalizedEmail(ownAddress) { return nil }
        guard let payload, let text = try EmailBodyExtractor.text(of: payload) else {
            throw GmailMessageError(.missingBody, "message \(id) has no text/plain or text/html body")
        }
        let content = EmailReplyTrimmer.trim(text)
        guard !content.isEmpty else {
            throw GmailMessageError(.missingBody, "message \(id) has an empty body")
        }
        let verification = EmailSenderVerification.of(headers: headers, fromAddress: from.address)
        var metadata = metadata(headers)
        metadata["sender_verification"] = verification.evidence
        return IncomingEvent(
            eventID: eventID, channel: .email, channelMessageID: id,
            customer: .init(email: from.address, name: from.name.flatMap(DisplayText.cleaned), verified: verification.isVerified),
            subject: headers.decoded("Subject").flatMap(DisplayText.cleaned), content: content,
            receivedAt: internalDate ?? fallbackReceivedAt, threadID: threadID, metadata: metadata)
    }

    private func metadata(_ headers: EmailHeaders) -> [String: String] {
        var metadata: [String: String] = [:]
        let fields = [
            ("message_id", "Message-ID"), ("in_reply_to", "In-Reply-To"), ("references", "References"),
            ("to", "To"), ("cc", "Cc"), ("date", "Date"),
        ]
        for (key, header) in fields { metadata[key] = headers.decoded(header) }
        metadata["history_id"] = historyID
        return metadata
    }
}
