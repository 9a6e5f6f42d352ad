import Foundation

/// Finds (or creates) the customer behind an inbound message, across channels, under the trust
/// model of docs/worker.md:
/// - The address a channel proves is the sender's: the WhatsApp number (Twilio's signature) and
///   a Gmail `From` address that passed DMARC. A web form's e-mail and phone, and an e-mail that
///   did not pass, are claims.
/// - A message is matched to a customer by the address it came from; a WhatsApp number also
///   matches a phone given on the web form, so web form (with phone) → WhatsApp → e-mail is one
///   customer. Linking by a claim serves routing and the humans' view only: what the agent may
///   show a sender is decided per message (``MessageSender``), never by the customer record.
/// - A claim never takes an address another customer has, and never changes verified data: it
///   neither verifies an identifier nor replaces a name a verified sender gave. A verified
///   sender verifies the identifier it wrote from (`verified_by`, `verified_at`) and replaces a
///   name only a claim gave.
struct CustomerIdentity: Sendable {
    /// The customer the message belongs to.
    var customerID: UUID
    /// The customer's name for the humans' view (replies greet with the message's own name).
    var name: String?
    /// The address the message came from, and what proved it.
    var sender: MessageSender
    /// The customer was created for this message (so has no conversations yet).
    var isNew: Bool

    /// One address a message carries.
    private struct Address: Hashable {
        var type: String
        var value: String
    }

    /// One identifier the lookup found, read by its coding keys.
    private struct Known: Decodable, DatabaseRowDecodable {
        var customerID: UUID
        var type: String
        var value: String
        var verified: Bool
        var name: String?
        var nameVerified: Bool

        enum CodingKeys: String, CodingKey {
            case type, value, verified, name
            case customerID = "customer_id", nameVerified = "name_verified"
        }
    }

    /// The statements that find the customer of `event`: a transaction-scoped advisory lock on
    /// each of its addresses (in a fixed order), then the lookup of the identifiers known for
    /// them. Run them in order inside the caller's transaction — one pipeline will do: the
    /// lookup runs only once the locks are granted — and give the last one's rows to
    /// ``resolve(_:known:in:)``. The locks serialise concurrent resolutions of one address.
    /// - Throws: ``IntakeError`` when the event names no address.
    static func lookup(for event: IncomingEvent) throws -> [SQLQuery] {
        let addresses = addresses(of: event)
        guard !addresses.isEmpty, MessageSender(of: event) != nil else {
            throw IntakeError("the event names no e-mail address or phone number")
        }
        let values = Set(addresses.map(\.value)).sorted()
        let locks: [SQLQuery] = values.map { "SELECT pg_advisory_xact_lock(hashtextextended(\($0), 0))" }
        return locks + [
            """
            SELECT i.customer_id, i.type, i.value, i.verified, c.name, c.name_verified
            FROM customer_identifiers i JOIN customers c ON c.id = i.customer_id
            WHERE i.value = ANY(\(values))
            """
        ]
    }

    /// Finds (or creates) the customer of `event` from `known`, the rows of the last
    /// ``lookup(for:)`` statement, creating the customer and the missing identifiers.
    static func resolve(_ event: IncomingEvent, known: [DatabaseRow], in connection: DatabaseConnection) async throws -> CustomerIdentity {
        let addresses = addresses(of: event)
        guard let sender = MessageSender(of: event), let senderAddress = addresses.first else {
            throw IntakeError("the event names no e-mail address or phone number")
        }
        let rows = try known.map(Known.init(row:))
        // The sender's own address decides; a WhatsApp number also matches a phone given on the form.
        let senderMatch = rows.first { $0.type == senderAddress.type && $0.value == senderAddress.value }
            ?? rows.first { senderAddress.type == "whatsapp" && $0.type == "phone" && $0.value == senderAddress.value }
        // What changes is written at the end, in one round trip.
        var writes: [SQLQuery] = []
        let customerID = senderMatch?.customerID ?? .random()
        var name = senderMatch?.name
        let given = event.customer.name.flatMap(DisplayText.cleaned)
        if senderMatch == nil {
            writes.append("INSERT INTO customers (id, name, name_verified) VALUES (\(customerID), \(given), \(given != nil && sender.isVerified))")
            name = given
        } else if let given, let match = senderMatch, name == nil || (sender.isVerified && !match.nameVerified) {
            writes.append(
                "UPDATE customers SET name = \(given), name_verified = \(sender.isVerified), updated_at = now() WHERE id = \(customerID)")
            name = given
        }
        if let proof = sender.proof, let match = senderMatch, match.type == senderAddress.type, !match.verified {
            writes.append(
                """
                UPDATE customer_identifiers SET verified = true, verified_by = \(proof.rawValue), verified_at = now()
                WHERE type = \(senderAddress.type) AND value = \(senderAddress.value)
                """)
        }
        for address in addresses where !rows.contains(where: { $0.type == address.type && $0.value == address.value }) {
            // A claim never takes an address another customer has.
            if rows.contains(where: { $0.value == address.value && $0.customerID != customerID }) { continue }
            let proof = address == senderAddress ? sender.proof : nil
            writes.append(
                """
                INSERT INTO customer_identifiers (customer_id, type, value, verified, verified_by, verified_at)
                VALUES (\(customerID), \(address.type), \(address.value), \(proof != nil), \(proof?.rawValue),
                        \(fragment: proof != nil ? "now()" : "NULL"))
                ON CONFLICT (type, value) DO NOTHING
                """)
        }
        if !writes.isEmpty { try await connection.pipeline(writes) }
        return CustomerIdentity(customerID: customerID, name: name, sender: sender, isNew: senderMatch == nil)
    }

    /// The message's addresses, the sender's (the one the channel delivers from) first.
    private static func addresses(of event: IncomingEvent) -> [Address] {
        let email = event.customer.email.flatMap(ContactAddress.normalizedEmail)
        let phone = event.customer.phone.flatMap(ContactAddress.normalizedPhone)
        switch event.channel {
        case .email:
            return [email.map { Address(type: "email", value: $0) }].compactMap { $0 }
        case .whatsapp:
            return [phone.map { Address(type: "whatsapp", value: $0) }].compactMap { $0 }
        case .webForm:
            return [email.map { Address(type: "email", value: $0) }, phone.map { Address(type: "phone", value: $0) }]
                .compactMap { $0 }
        }
    }
}
