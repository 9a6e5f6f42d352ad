/// What proved that a customer controls an address (`customer_identifiers.verified_by`,
/// `messages.sender_proof`). Without one, an address is a claim: anybody could have typed it.
public enum SenderProof: String, Sendable, Codable, CaseIterable {
    /// A WhatsApp message: Twilio signed the webhook that named the number.
    case twilioSignature = "twilio_signature"
    /// An e-mail whose `From` domain passed DMARC in Gmail's own `Authentication-Results`
    /// (``EmailSenderVerification``).
    case gmailDMARC = "gmail_dmarc"
    /// A web-form submission whose e-mail address answered, DMARC-verified, in the thread of
    /// the ticket's e-mailed reply: the mailbox's owner wrote the form.
    case emailReply = "email_reply"

    /// How `fte ticket show` says it.
    public var summary: String {
        switch self {
        case .twilioSignature: "Twilio signature"
        case .gmailDMARC: "Gmail DMARC"
        case .emailReply: "reply from the mailbox"
        }
    }
}

/// Who sent an inbound message, as far as the trust model is concerned: the address it came
/// from and what proved it. The agent may show a sender only what earlier *verified* messages
/// from the same address said (docs/worker.md, "Trust model").
public struct MessageSender: Sendable, Equatable {
    /// The normalised address the message came from: the e-mail address (e-mail, web form) or
    /// the E.164 number (WhatsApp).
    public var address: String
    /// What proved the address; `nil` for a claim.
    public var proof: SenderProof?

    public init(address: String, proof: SenderProof?) {
        self.address = address
        self.proof = proof
    }

    /// Whether a channel proved the address.
    public var isVerified: Bool { proof != nil }

    /// The sender of `event`: the WhatsApp number, the e-mail address it came from, or the
    /// web form's e-mail (else its phone); proven as ``IncomingEvent/senderIsVerified`` says.
    /// `nil` when the event names no address.
    public init?(of event: IncomingEvent) {
        let email = event.customer.email.flatMap(ContactAddress.normalizedEmail)
        let phone = event.customer.phone.flatMap(ContactAddress.normalizedPhone)
        switch event.channel {
        case .whatsapp:
            guard let phone else { return nil }
            self.init(address: phone, proof: .twilioSignature)
        case .email:
            guard let email else { return nil }
            self.init(address: email, proof: event.senderIsVerified ? .gmailDMARC : nil)
        case .webForm:
            guard let address = email ?? phone else { return nil }
            self.init(address: address, proof: nil)
        }
    }
}
