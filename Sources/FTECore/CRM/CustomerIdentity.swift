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
    /// The customer was created for this message (so has no conversations yet).
    var isNew: Bool

    /// One address a message carries.
    private struct Address: Hashable {
        var type: String
        var value: String
        /// Whether the channel proves it (not a claim).
        var proven: Bool
    }

    /// The statements that find the customer of `event`: a transaction-scoped advisory lock on
    /// each of its addresses (in a fixed order), then the lookup of the identifiers known for
    /// them. Run them in order inside the caller's transaction — one pipeline will do: the
    /// lookup runs only once the locks are granted — and give the last one's rows to
    /// ``resolve(_:known:in:)``. The locks serialise concurrent resolutions of one address.
    /// - Throws: ``IntakeError`` when the event names no address.
    static func lookup(for event: IncomingEvent) throws -> [SQLQuery] {
        let addresses = addresses(of: event)
        guard !addresses.isEmpty else {
            throw IntakeError("the event names no e-mail address or phone number")
        }
        let values = Set(addresses.map(\.value)).sorted()
        let locks: [SQLQuery] = values.map { "SELECT pg_advisory_xact_lock(hashtextextended(\($0), 0))" }
        return locks + [
            """
            SELECT i.customer_id, i.type, i.value, i.verified, c.name
            FROM customer_identifiers i JOIN customers c ON c.id = i.customer_id
            WHERE i.value = ANY(\(values))
            """
        ]
    }

    /// Finds (or creates) the customer of `event` from `known`, the rows of the last
    /// ``lookup(for:)`` statement, creating the customer and the missing identifiers.
    static func resolve(_ event: IncomingEvent, known: [DatabaseRow], in connection: DatabaseConnection) async throws -> CustomerIdentity {
        let addresses = addresses(of: event)
        guard let sender = addresses.first else {
            throw IntakeError("the event names no e-mail address or phone number")
        }
        struct Known { var customerID: UUID; var type: String; var value: String; var verified: Bool; var name: String? }
        let rows = try known.map {
            Known(customerID: try $0.decode("customer_id"), type: try $0.decode("type"), value: try $0.decode("value"),
                  verified: try $0.decode("verified"), name: try $0.decode("name"))
        }
        // The sender's own address decides; a WhatsApp number also matches a phone given on the form.
        let senderMatch = rows.first { $0.type == sender.type && $0.value == sender.value }
            ?? rows.first { sender.type == "whatsapp" && $0.type == "phone" && $0.value == sender.value }
        // What changes is written at the end, in one round trip.
        var writes: [SQLQuery] = []
        let customerID = senderMatch?.customerID ?? .random()
        var name = senderMatch?.name
        if senderMatch == nil {
            writes.append("INSERT INTO customers (id, name) VALUES (\(customerID), \(event.customer.name))")
            name = event.customer.name
        } else if name == nil, let given = event.customer.name {
            writes.append("UPDATE customers SET name = \(given), updated_at = now() WHERE id = \(customerID)")
            name = given
        }
        // Proven: the channel proves the very address the customer was found by (or the customer
        // is new). A WhatsApp number found only as a phone someone typed into the form is not.
        let proven = sender.proven && (senderMatch == nil || senderMatch!.type == sender.type || senderMatch!.verified)
        if proven, let senderMatch, !senderMatch.verified {
            writes.append("UPDATE customer_identifiers SET verified = true WHERE type = \(sender.type) AND value = \(sender.value)")
        }
        for address in addresses where !rows.contains(where: { $0.type == address.type && $0.value == address.value }) {
            // A claim never takes an address another customer has.
            if rows.contains(where: { $0.value == address.value && $0.customerID != customerID }) { continue }
            writes.append(
                """
                INSERT INTO customer_identifiers (customer_id, type, value, verified)
                VALUES (\(customerID), \(address.type), \(address.value), \(address == sender && proven))
                ON CONFLICT (type, value) DO NOTHING
                """)
        }
        if !writes.isEmpty { try await connection.pipeline(writes) }
        return CustomerIdentity(customerID: customerID, name: name, senderProven: proven, isNew: senderMatch == nil)
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
