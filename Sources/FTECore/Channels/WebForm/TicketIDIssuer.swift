import Crypto
import Foundation

/// Issues web-form ticket ids that the gateway can later recognise without a database lookup.
///
/// An id is a UUID version 8: 48 bits of Unix milliseconds, 42 random bits and a 32-bit
/// HMAC-SHA256 tag over the rest, keyed with the gateway's ticket secret. A submission the
/// client keyed (``SubmissionKey``) gets a derived id instead: the key's time and 42 bits of an
/// HMAC over the key, the e-mail address and the message, so a retry gets the same id. `GET
/// /support/ticket/{id}` answers `received` for an id this gateway family issued recently but
/// the worker has not stored yet, whichever queue is in use, and 404 for an id it never issued.
/// Gateways that share traffic must share the secret (`FTE_TICKET_SECRET`).
public struct TicketIDIssuer: Sendable {
    /// The HMAC state after absorbing the key, copied for each tag (keying it anew was half of
    /// a tag's cost). Not marked `Sendable`, but never mutated: copies are.
    nonisolated(unsafe) private let keyedHMAC: HMAC<SHA256>

    /// - Parameter secret: the shared secret; when `nil`, a random one for this process only.
    public init(secret: String?) {
        let key = if let secret, !secret.isEmpty {
            SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        } else {
            SymmetricKey(size: .bits256)
        }
        keyedHMAC = HMAC<SHA256>(key: key)
    }

    /// A new ticket id stamped with `now`.
    public func issue(now: Date = Date()) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        let random = RandomBytePool.next16().0
        for i in 6..<12 { bytes[i] = UInt8(truncatingIfNeeded: random >> (8 * (i - 6))) }
        return signed(&bytes)
    }

    /// The ticket id of the submission keyed `key` from `email` with `message` (both as
    /// validated, so normalised): stamped with the key's time, and the same for the same three
    /// from any gateway sharing the secret. The 42 bits after the time come from an HMAC over
    /// all three, so a key alone, without the text it was sent with, does not give the id.
    public func ticketID(for key: SubmissionKey, email: String, message: String) -> UUID {
        var bytes = withUnsafeBytes(of: key.id.uuid) { Array($0) }
        var mac = keyedHMAC
        // A label keeps these inputs apart from the tag's, which are always 12 bytes.
        mac.update(data: Array("fte web-form submission\u{0}".utf8))
        mac.update(data: bytes)
        for field in [email, message] {
            let utf8 = Array(field.utf8)
            mac.update(data: withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { Array($0) })
            mac.update(data: utf8)
        }
        bytes.replaceSubrange(6..<12, with: Array(mac.finalize()).prefix(6))
        return signed(&bytes)
    }

    /// The id of 16 `bytes`: the first 12 with the version and variant set, then their tag.
    private func signed(_ bytes: inout [UInt8]) -> UUID {
        bytes[6] = 0x80 | (bytes[6] & 0x0F)  // version 8
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 9562 variant
        let tag = self.tag(bytes[0..<12])
        bytes.replaceSubrange(12..<16, with: tag)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// When `id` was issued, if this secret issued it (the tag matches, compared in constant time).
    public func issueDate(of id: UUID) -> Date? {
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        guard bytes[6] >> 4 == 8, bytes[8] >> 6 == 0b10 else { return nil }
        guard constantTimeEquals(tag(bytes[0..<12]), bytes[12..<16]) else { return nil }
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// Whether `id` was issued by this secret within `window` before `now` (and not from the future).
    public func recognizes(_ id: UUID, now: Date = Date(), window: TimeInterval = defaultWindow) -> Bool {
        recentIssueDate(of: id, now: now, window: window) != nil
    }

    /// When `id` was issued, if this secret issued it within `window` before `now`.
    public func recentIssueDate(of id: UUID, now: Date = Date(), window: TimeInterval = defaultWindow) -> Date? {
        guard let issued = issueDate(of: id),
            issued <= now.addingTimeInterval(300), issued >= now.addingTimeInterval(-window)
        else { return nil }
        return issued
    }

    /// How long a ticket id counts as just issued: a week.
    public static let defaultWindow: TimeInterval = 7 * 24 * 3600

    private func tag(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var mac = keyedHMAC
        mac.update(data: bytes)
        return Array(mac.finalize().prefix(4))
    }
}
