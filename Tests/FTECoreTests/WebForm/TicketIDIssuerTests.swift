import Crypto
import Foundation
import Testing
@testable import FTECore

@Suite struct TicketIDIssuerTests {
    let issuer = TicketIDIssuer(secret: "a shared secret")

    @Test func issuedIDsAreRecognisedWithTheirIssueTime() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000.123)
        let id = issuer.issue(now: now)
        let issued = try #require(issuer.issueDate(of: id))
        #expect(abs(issued.timeIntervalSince(now)) < 0.001)
        #expect(issuer.recognizes(id, now: now.addingTimeInterval(60)))
        // Another gateway with the same secret recognises it too.
        #expect(TicketIDIssuer(secret: "a shared secret").recognizes(id, now: now))
    }

    @Test func theTagIsTheFirstFourBytesOfHMACSHA256OverTheRest() {
        let key = SymmetricKey(data: SHA256.hash(data: Data("a shared secret".utf8)))
        for _ in 0..<3 {
            let bytes = withUnsafeBytes(of: issuer.issue().uuid) { Array($0) }
            let expected = Array(HMAC<SHA256>.authenticationCode(for: bytes[0..<12], using: key)).prefix(4)
            #expect(bytes[12..<16].elementsEqual(expected))
        }
    }

    @Test func idsAreVersion8AndUnique() {
        let ids = (0..<10_000).map { _ in issuer.issue() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(10) {
            let text = id.uuidString.lowercased()
            #expect(Array(text)[14] == "8")
            #expect("89ab".contains(Array(text)[19]))
        }
    }

    @Test func foreignRandomAndTamperedIDsAreNotRecognised() {
        let now = Date()
        #expect(!issuer.recognizes(TicketIDIssuer(secret: "other").issue(now: now), now: now))
        #expect(!issuer.recognizes(UUID(), now: now))
        var bytes = issuer.issue(now: now).uuid
        bytes.9 ^= 0x01
        #expect(!issuer.recognizes(UUID(uuid: bytes), now: now))
    }

    @Test func oldAndFutureIDsFallOutsideTheWindow() {
        let now = Date()
        #expect(!issuer.recognizes(issuer.issue(now: now.addingTimeInterval(-8 * 24 * 3600)), now: now))
        #expect(!issuer.recognizes(issuer.issue(now: now.addingTimeInterval(3600)), now: now))
    }

    @Test func aKeyedSubmissionsIDIsDerivedFromTheKeyTheAddressAndTheMessage() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000.123)
        let key = try SubmissionKey(parsing: UUID.version7(at: now).uuidString, now: now)
        let email = "jane@example.com", message = "The export button does nothing."
        let id = issuer.ticketID(for: key, email: email, message: message)

        // The same three give the same id, here and on every gateway sharing the secret.
        #expect(issuer.ticketID(for: key, email: email, message: message) == id)
        #expect(TicketIDIssuer(secret: "a shared secret").ticketID(for: key, email: email, message: message) == id)
        // Any other key, address or message gives another id; so does another secret.
        let otherKey = try SubmissionKey(parsing: UUID.version7(at: now).uuidString, now: now)
        let others = [
            issuer.ticketID(for: otherKey, email: email, message: message),
            issuer.ticketID(for: key, email: "mallory@example.com", message: message),
            issuer.ticketID(for: key, email: email, message: message + "!"),
            // The fields are length-prefixed: moving text from one to the other changes the id.
            issuer.ticketID(for: key, email: email + "T", message: String(message.dropFirst())),
            TicketIDIssuer(secret: "other").ticketID(for: key, email: email, message: message),
        ]
        #expect(Set(others + [id]).count == others.count + 1)

        // It is a ticket id like any other: recognised, version 8, and dated with the key's time.
        #expect(issuer.recognizes(id, now: now))
        #expect(!TicketIDIssuer(secret: "other").recognizes(id, now: now))
        #expect(Array(id.lowercasedString)[14] == "8")
        let keyBytes = withUnsafeBytes(of: key.id.uuid) { Array($0) }
        let idBytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        #expect(idBytes[0..<6] == keyBytes[0..<6])
        #expect(try #require(issuer.issueDate(of: id)) == key.createdAt)
        #expect(abs(key.createdAt.timeIntervalSince(now)) < 0.001)
    }
}
