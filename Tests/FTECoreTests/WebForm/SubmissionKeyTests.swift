import Foundation
import Testing
@testable import FTECore

@Suite struct SubmissionKeyTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aVersion7UUIDIsAKeyDatedByItsFirst48Bits() throws {
        let made = UUID.version7(at: now.addingTimeInterval(-60))
        let key = try SubmissionKey(parsing: made.uuidString, now: now)
        #expect(key.id == made)
        #expect(abs(key.createdAt.timeIntervalSince(now.addingTimeInterval(-60))) < 0.001)
        // Case does not matter.
        #expect(try SubmissionKey(parsing: made.lowercasedString, now: now) == key)
    }

    @Test func anythingButAVersion7UUIDIsRefused() {
        let v4 = UUID.random().uuidString
        let v7 = UUID.version7(at: now).lowercasedString
        var wrongVariant = Array(v7)
        wrongVariant[19] = "c"
        for text in ["", "not-a-key", v4, String(v7.dropLast()), v7.replacingOccurrences(of: "-", with: ""), String(wrongVariant)] {
            #expect(throws: SubmissionKey.Invalid(message: "must be a UUID version 7"), "\(text)") {
                try SubmissionKey(parsing: text, now: now)
            }
        }
    }

    @Test func keysFromTheFutureOrOlderThanADayAreRefused() throws {
        _ = try SubmissionKey(parsing: UUID.version7(at: now.addingTimeInterval(299)).uuidString, now: now)
        _ = try SubmissionKey(parsing: UUID.version7(at: now.addingTimeInterval(-24 * 3600 + 1)).uuidString, now: now)
        #expect(throws: SubmissionKey.Invalid(message: "is dated more than 5 minutes ahead; check the device's clock")) {
            try SubmissionKey(parsing: UUID.version7(at: now.addingTimeInterval(301)).uuidString, now: now)
        }
        #expect(throws: SubmissionKey.Invalid(message: "is more than 24 hours old; reload the form and send again")) {
            try SubmissionKey(parsing: UUID.version7(at: now.addingTimeInterval(-24 * 3600 - 1)).uuidString, now: now)
        }
    }

    @Test func theFieldWinsOverTheHeaderAndTheyMustAgree() throws {
        let key = UUID.version7(at: now)
        let text = key.lowercasedString
        #expect(try SubmissionKey.of(field: nil, header: nil, now: now) == nil)
        #expect(try SubmissionKey.of(field: " ", header: "", now: now) == nil)
        #expect(try SubmissionKey.of(field: text, header: nil, now: now)?.id == key)
        // The header is an RFC 8941 string, quoted; bare is accepted too.
        #expect(try SubmissionKey.of(field: nil, header: "\"\(text)\"", now: now)?.id == key)
        #expect(try SubmissionKey.of(field: nil, header: text, now: now)?.id == key)
        #expect(try SubmissionKey.of(field: text, header: "\"\(key.uuidString)\"", now: now)?.id == key)
        for header in [UUID.version7(at: now).lowercasedString, "garbage"] {
            #expect(throws: SubmissionKey.Invalid(message: "differs from the Idempotency-Key header")) {
                try SubmissionKey.of(field: text, header: header, now: now)
            }
        }
        #expect(throws: SubmissionKey.Invalid(message: "must be a UUID version 7")) {
            try SubmissionKey.of(field: nil, header: "\"garbage\"", now: now)
        }
    }

    @Test func aBadKeyIsAFieldErrorBesideTheOthers() throws {
        var form = WebFormSubmission(
            name: "Jane Doe", email: "jane@example.com", subject: "Export is broken", category: "bug_report",
            message: "The export button does nothing.", submissionID: "12345")
        let issuer = TicketIDIssuer(secret: "s")
        #expect(throws: WebFormValidationError(["submission_id": "must be a UUID version 7"])) {
            try form.validated(ticketIDs: issuer, receivedAt: now)
        }
        form.message = "short"
        #expect(throws: WebFormValidationError(["submission_id": "must be a UUID version 7", "message": "must be at least 10 characters"])) {
            try form.validated(ticketIDs: issuer, receivedAt: now)
        }
        let mistyped = try WebFormSubmission(body: Data(#"{"submission_id": 7}"#.utf8))
        #expect(mistyped.mistypedFields == ["submission_id"])

        // With a key, the id is the issuer's derivation from the validated, normalised fields.
        form.message = "  The export button does nothing.\u{0007} "
        form.email = "Jane@Example.COM"
        form.submissionID = UUID.version7(at: now).lowercasedString
        let (ticketID, event) = try form.validated(ticketIDs: issuer, receivedAt: now)
        let key = try SubmissionKey(parsing: try #require(form.submissionID), now: now)
        #expect(ticketID == issuer.ticketID(for: key, email: "jane@example.com", message: "The export button does nothing."))
        #expect(event.channelMessageID == ticketID.lowercasedString)
        // Without one, a new id each time.
        form.submissionID = nil
        #expect(try form.validated(ticketIDs: issuer, receivedAt: now).ticketID != form.validated(ticketIDs: issuer, receivedAt: now).ticketID)
    }
}
