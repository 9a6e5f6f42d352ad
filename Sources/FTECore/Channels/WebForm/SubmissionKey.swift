import Foundation

/// The client's key for one web-form submission: `submission_id` in the body or the
/// `Idempotency-Key` header, a UUID version 7 made when the message was written and sent again
/// with every retry of it. The gateway derives the ticket id from it
/// (``TicketIDIssuer/ticketID(for:email:message:)``), so a retry is the same ticket.
public struct SubmissionKey: Sendable, Equatable {
    /// The key as the client sent it.
    public let id: UUID
    /// When the client made it: the key's first 48 bits, Unix milliseconds.
    public let createdAt: Date

    /// How far ahead of the gateway's clock a key may be dated.
    public static let maximumLead: TimeInterval = 5 * 60
    /// How old a key may be: a day (the page makes a new one on every load).
    public static let maximumAge: TimeInterval = 24 * 3600

    /// Why a key was refused; `message` is the `submission_id` field error.
    public struct Invalid: Error, Sendable, Equatable {
        public var message: String
    }

    /// Reads a key dated within ``maximumAge`` before and ``maximumLead`` after `now`.
    /// - Throws: ``Invalid`` when `text` is not a UUID version 7 or is dated outside that span.
    public init(parsing text: String, now: Date = Date()) throws(Invalid) {
        guard let id = UUID(uuidString: text) else { throw Invalid(message: "must be a UUID version 7") }
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        guard bytes[6] >> 4 == 7, bytes[8] >> 6 == 0b10 else { throw Invalid(message: "must be a UUID version 7") }
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let createdAt = Date(timeIntervalSince1970: Double(millis) / 1000)
        if createdAt > now.addingTimeInterval(Self.maximumLead) {
            throw Invalid(message: "is dated more than 5 minutes ahead; check the device's clock")
        }
        if createdAt < now.addingTimeInterval(-Self.maximumAge) {
            throw Invalid(message: "is more than 24 hours old; reload the form and send again")
        }
        self.id = id
        self.createdAt = createdAt
    }

    /// The key of a submission that may carry it in its `submission_id` field and in an
    /// `Idempotency-Key` header (`header`, an RFC 8941 string: quoted, or bare as many clients
    /// send it); `nil` when it has neither (empty counts as absent). The field wins when both
    /// are given, and they must name the same key.
    /// - Throws: ``Invalid`` when the key is invalid or the two differ.
    public static func of(field: String?, header: String?, now: Date = Date()) throws(Invalid) -> SubmissionKey? {
        let fieldKey = field.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        let headerKey = header.map(Self.unquoted).flatMap { $0.isEmpty ? nil : $0 }
        guard let text = fieldKey ?? headerKey else { return nil }
        let key = try SubmissionKey(parsing: text, now: now)
        if fieldKey != nil, let headerKey, UUID(uuidString: headerKey) != key.id {
            throw Invalid(message: "differs from the Idempotency-Key header")
        }
        return key
    }

    private static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace()
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }
}
