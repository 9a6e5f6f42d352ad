import Foundation

/// Finds (or creates) the customer behind an inbound message, across channels.
///
/// The policy (docs/identity.md):
/// - The address a channel proves is the sender's: the Gmail `From` address and the WhatsApp
///   number. The web form's e-mail and phone are only claims.
/// - A message is matched to a customer by any of its addresses, the proven one first. A claim
///   never moves anybody into another customer and never takes an address someone else has:
///   a web form's phone is attached to the customer its e-mail names only when the phone is free.
/// - An address is `verified` when a proving channel created it, or matched it while it
///   belonged to a customer through a proven address. A sender is *proven* when the address
///   the message came from is verified: only then may the agent see the customer's history on
///   other channels.
struct CustomerIdentity: Sendable {
    /// The customer the message belongs to.
    var customerID: UUID
    var name: String?
    /// Whether the message came from a verified address (see the type's policy).
    var senderProven: Bool

    /// One address a message carries.
    private struct Address: Hashable {
        var type: String
        var value: String
        /// Whether the channel proves it (not a claim).
        var proven: Bool
    }

    /// Resolves the customer of `event` inside the caller's transaction, creating the customer
    /// and the missing identifiers. Concurrent resolutions of the same addresses are serialised
    /// by transaction-scoped advisory locks.
    static func resolve(_ event: IncomingEvent, in connection: DatabaseConnection) async throws -> CustomerIdentity {
        let addresses = addresses(of: event)
        guard let sender = addresses.first else {
            throw WorkerError.invalidEvent("the event names no e-mail address or phone number")
        }
        for value in Set(addresses.map(\.value)).sorted() {
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(value), 0))")
        }
        let values = Array(Set(addresses.map(\.value)))
        let known = try await connection.query(
            """
            SELECT i.customer_id, i.type, i.value, i.verified, c.name
            FROM customer_identifiers i JOIN customers c ON c.id = i.customer_id
            WHERE i.value = ANY(\(values))
            """)
        struct Known { var customerID: UUID; var type: String; var value: String; var verified: Bool; var name: String? }
        let rows = try known.map {
            Known(customerID: try $0.decode("customer_id"), type: try $0.decode("type"), value: try $0.decode("value"),
                  verified: try $0.decode("verified"), name: try $0.decode("name"))
        }
        // The sender's own address decides; a WhatsApp number also matches a phone given on the form.
        let senderMatch = rows.first { $0.type == sender.type && $0.value == sender.value }
            ?? rows.first { sender.type == "whatsapp" && $0.type == "phone" && $0.value == sender.value }
        let customerID: UUID
        var name = senderMatch?.name
        if let senderMatch {
            customerID = senderMatch.customerID
        } else {
            customerID = try await connection.query(
                "INSERT INTO customers (name) VALUES (\(event.customer.name)) RETURNING id"
            ).first!.decode("id")
            name = event.customer.name
        }
        if name == nil, let given = event.customer.name {
            try await connection.execute("UPDATE customers SET name = \(given), updated_at = now() WHERE id = \(customerID)")
            name = given
        }
        // Proven: the channel proves the very address the customer was found by (or the customer
        // is new). A WhatsApp number found only as a phone someone typed into the form is not.
        let proven = sender.proven && (senderMatch == nil || senderMatch!.type == sender.type || senderMatch!.verified)
        if proven, let senderMatch, !senderMatch.verified {
            try await connection.execute(
                "UPDATE customer_identifiers SET verified = true WHERE type = \(sender.type) AND value = \(sender.value)")
        }
        for address in addresses where !rows.contains(where: { $0.type == address.type && $0.value == address.value }) {
            // A claim never takes an address another customer has.
            if rows.contains(where: { $0.value == address.value && $0.customerID != customerID }) { continue }
            try await connection.execute(
                """
                INSERT INTO customer_identifiers (customer_id, type, value, verified)
                VALUES (\(customerID), \(address.type), \(address.value), \(address == sender && proven))
                ON CONFLICT (type, value) DO NOTHING
                """)
        }
        return CustomerIdentity(customerID: customerID, name: name, senderProven: proven)
    }

    /// The message's addresses, the sender's (the one the channel delivers from) first.
    private static func addresses(of event: IncomingEvent) -> [Address] {
        let email = event.customer.email.flatMap(ContactAddress.normalizedEmail)
        let phone = event.customer.phone.flatMap(ContactAddress.normalizedPhone)
        switch event.channel {
        case .email:
            return [email.map { Address(type: "email", value: $0, proven: true) }].compactMap { $0 }
        case .whatsapp:
            return [phone.map { Address(type: "whatsapp", value: $0, proven: true) }].compactMap { $0 }
        case .webForm:
            return [email.map { Address(type: "email", value: $0, proven: false) },
                    phone.map { Address(type: "phone", value: $0, proven: false) }].compactMap { $0 }
        }
    }
}
