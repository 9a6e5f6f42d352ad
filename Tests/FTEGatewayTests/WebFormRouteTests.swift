import FTECore
@testable import FTEGateway
import FTETestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The web form's routes against the router: `GET /`, `POST /support/submit` (200, 400, 413, 422,
/// 429, 503, the honeypot) and `GET /support/ticket/{id}`.
@Suite(.timeLimit(.minutes(2))) struct WebFormRouteTests {
    static let validForm: [String: JSONValue] = [
        "name": "Jane Doe", "email": "Jane.Doe@Example.com", "subject": "Cannot export my board",
        "category": "technical", "priority": "high",
        "message": "The CSV export button does nothing when I click it on the Roadmap board.",
        "phone": "+1 415 555 0100",
    ]

    static func form(_ changes: [String: JSONValue] = [:]) -> JSONValue {
        .object(validForm.merging(changes) { $1 })
    }

    @Test func aValidSubmissionIsQueuedBeforeTheAnswerAndCanBeTracked() async throws {
        try await GatewayHarness().run { client, db in
            let reply = try await client.post("/support/submit", json: Self.form())
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            let ticketID = try #require(reply.json["ticket_id"]?.stringValue)
            #expect(reply.json["estimated_response_time"]?.stringValue != nil)
            #expect(reply.json["message"]?.stringValue != nil)

            let event = try #require(try await db.queuedEvents().first)
            #expect(event.channel == .webForm)
            #expect(event.channelMessageID == ticketID)
            #expect(event.customer == .init(email: "jane.doe@example.com", phone: "+14155550100", name: "Jane Doe"))
            #expect(event.category == .technical && event.priority == .high)
            #expect(event.partitionKey == "jane.doe@example.com")

            // The worker has not stored it yet: the status view says "received", never "not found".
            let status = try await client.get("/support/ticket/\(ticketID)")
            #expect(status.status == .ok)
            #expect(status.json["status"] == "received")
            #expect(status.json["ticket_id"]?.stringValue == ticketID)
            #expect(status.json["messages"] == [])
        }
    }

    @Test func invalidFieldsAreAnswered422WithAMessagePerFieldAndNothingIsQueued() async throws {
        try await GatewayHarness().run { client, db in
            let reply = try await client.post(
                "/support/submit",
                json: ["name": "J", "email": "not-an-address", "subject": "Hey", "category": "sales", "priority": "urgent",
                       "message": "short", "phone": "12345"])
            #expect(reply.status == .unprocessableContent)
            let fields = try #require(reply.json["fields"]?.objectValue)
            #expect(Set(fields.keys) == ["name", "email", "subject", "category", "priority", "message", "phone"])
            #expect(fields["message"] == "must be at least 10 characters")

            let missing = try await client.post("/support/submit", json: ["name": 42])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.json["fields"]?["name"] == "must be text")
            #expect(missing.json["fields"]?["email"] == "is required")

            let tooLong = try await client.post("/support/submit", json: Self.form(["message": .string(String(repeating: "a", count: 1001))]))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.json["fields"]?["message"] == "must be at most 1000 characters")
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func malformedAndOversizedBodiesAreRefused() async throws {
        var harness = GatewayHarness()
        harness.configuration.maxBodyBytes = 2048
        try await harness.run { client, db in
            let malformed = try await client.execute(
                uri: "/support/submit", method: .post, headers: [.contentType: "application/json"], body: .init(string: "{not json"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.json["error"]?.stringValue != nil)

            let huge = try await client.post("/support/submit", json: ["message": .string(String(repeating: "x", count: 4096))])
            #expect(huge.status == .contentTooLarge)
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func aRetryWithTheSameKeyIsTheSameTicketQueuedOnce() async throws {
        try await GatewayHarness().run { client, db in
            let key = UUID.version7().lowercasedString
            let first = try await client.post("/support/submit", json: Self.form(["submission_id": .string(key)]))
            #expect(first.status == .ok, "\(first.text)")
            let ticketID = try #require(first.json["ticket_id"]?.stringValue)
            // The retry: same key, same content (the address in another case, the message padded).
            let retry = try await client.post("/support/submit", json: Self.form([
                "submission_id": .string(key.uppercased()), "email": "jane.doe@EXAMPLE.com",
                "message": .string("  " + (Self.validForm["message"]?.stringValue ?? "") + "\n"),
            ]))
            #expect(retry.status == .ok, "\(retry.text)")
            #expect(retry.json["ticket_id"]?.stringValue == ticketID)
            // The same key in the header, quoted as RFC 8941 has it, is the same ticket too.
            let byHeader = try await client.post("/support/submit", json: Self.form(), headers: [.idempotencyKey: "\"\(key)\""])
            #expect(byHeader.json["ticket_id"]?.stringValue == ticketID)
            #expect(try await db.queuedEvents().map(\.channelMessageID) == [ticketID])
            // The ticket is recognised, dated with the key's time.
            let status = try await client.get("/support/ticket/\(ticketID)")
            #expect(status.status == .ok && status.json["status"] == "received", "\(status.text)")
            let keyTime = try SubmissionKey(parsing: key).createdAt
            #expect(TicketIDIssuer(secret: "gateway-tests").issueDate(of: try #require(UUID(uuidString: ticketID))) == keyTime)

            // The same key with another message, or from another address, is another ticket.
            let otherMessage = try await client.post("/support/submit", json: Self.form([
                "submission_id": .string(key), "message": "Someone else's words with the key they overheard.",
            ]))
            let otherAddress = try await client.post("/support/submit", json: Self.form([
                "submission_id": .string(key), "email": "mallory@example.com",
            ]))
            let others = [otherMessage, otherAddress].compactMap { $0.json["ticket_id"]?.stringValue }
            #expect(others.count == 2 && Set(others + [ticketID]).count == 3)
            // Without a key, every submission is a new ticket, as before.
            let unkeyed = try await client.post("/support/submit", json: Self.form())
            let unkeyedAgain = try await client.post("/support/submit", json: Self.form())
            #expect(Set([unkeyed, unkeyedAgain].compactMap { $0.json["ticket_id"]?.stringValue }).count == 2)
            #expect(try await db.queuedEvents().count == 5)
        }
    }

    @Test func malformedFutureStaleAndDisagreeingKeysAre422() async throws {
        try await GatewayHarness().run { client, db in
            let now = Date()
            let refused: [(JSONValue, HTTPFields, String)] = [
                (Self.form(["submission_id": "12345"]), [:], "must be a UUID version 7"),
                (Self.form(["submission_id": .string(UUID.random().lowercasedString)]), [:], "must be a UUID version 7"),
                (Self.form(), [.idempotencyKey: "\"not-a-uuid\""], "must be a UUID version 7"),
                (Self.form(["submission_id": 42]), [:], "must be text"),
                (Self.form(["submission_id": .string(UUID.version7(at: now.addingTimeInterval(600)).lowercasedString)]), [:],
                 "is dated more than 5 minutes ahead; check the device's clock"),
                (Self.form(["submission_id": .string(UUID.version7(at: now.addingTimeInterval(-25 * 3600)).lowercasedString)]), [:],
                 "is more than 24 hours old; reload the form and send again"),
                (Self.form(["submission_id": .string(UUID.version7().lowercasedString)]),
                 [.idempotencyKey: "\"\(UUID.version7().lowercasedString)\""], "differs from the Idempotency-Key header"),
            ]
            for (body, headers, message) in refused {
                let reply = try await client.post("/support/submit", json: body, headers: headers)
                #expect(reply.status == .unprocessableContent, "\(message): \(reply.text)")
                #expect(reply.json["fields"] == ["submission_id": .string(message)], "\(reply.text)")
            }
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func theHoneypotAnswersAsUsualButQueuesNothing() async throws {
        try await GatewayHarness().run { client, db in
            let reply = try await client.post("/support/submit", json: Self.form(["website": "http://spam.example"]))
            #expect(reply.status == .ok)
            #expect(reply.json["ticket_id"]?.stringValue != nil, "a bot cannot tell it was caught")
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func submissionsBeyondThePerClientLimitGet429WithRetryAfter() async throws {
        var harness = GatewayHarness()
        harness.configuration.submissionsPerMinute = 2
        harness.configuration.trustForwardedFor = true
        try await harness.run { client, db in
            let jane: HTTPFields = [.xForwardedFor: "203.0.113.7"]
            for _ in 0..<2 {
                #expect(try await client.post("/support/submit", json: Self.form(), headers: jane).status == .ok)
            }
            let limited = try await client.post("/support/submit", json: Self.form(), headers: jane)
            #expect(limited.status == .tooManyRequests)
            let wait = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(wait))
            // Another client is not held up by Jane's limit.
            #expect(try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "198.51.100.2"]).status == .ok)
            #expect(try await db.queuedEvents().count == 3)
        }
    }

    @Test func behindAProxyTheLimitCountsTheAddressTheProxyAppendedNotWhatTheClientWrote() async throws {
        var harness = GatewayHarness()
        harness.configuration.submissionsPerMinute = 1
        harness.configuration.trustForwardedFor = true
        try await harness.run { client, db in
            // The client writes any X-Forwarded-For it likes; the ingress appends the address it saw.
            #expect(try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "10.9.9.1, 203.0.113.7"]).status == .ok)
            let spoofed = try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "10.9.9.2, 203.0.113.7"])
            #expect(spoofed.status == .tooManyRequests, "a new left-most entry is not a new client")
            #expect(try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "198.51.100.4"]).status == .ok)
            #expect(try await db.queuedEvents().count == 2)
        }
    }

    @Test func behindTwoProxiesTheClientIsTheSecondEntryFromTheRight() async throws {
        // A CDN, then the ingress.
        var harness = GatewayHarness()
        harness.configuration.submissionsPerMinute = 1
        harness.configuration.trustForwardedFor = true
        harness.configuration.trustedProxies = 2
        try await harness.run { (client, _) async throws in
            #expect(try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "1.1.1.1, 203.0.113.7, 192.0.2.10"]).status == .ok)
            #expect(try await client.post("/support/submit", json: Self.form(), headers: [.xForwardedFor: "2.2.2.2, 203.0.113.7, 192.0.2.11"]).status == .tooManyRequests)
        }
    }

    @Test func namesAndSubjectsMadeOfInvisibleCharactersAre422() async throws {
        try await GatewayHarness().run { client, db in
            let reply = try await client.post("/support/submit", json: Self.form([
                "name": "\u{200B}\u{202E}\u{2066}\u{FEFF}", "subject": "\u{200D}\u{200D}\u{200D}\u{200D}\u{200D}\u{200D}",
            ]))
            #expect(reply.status.code == 422)
            #expect(reply.json["fields"] == ["name": "must contain visible characters", "subject": "must contain visible characters"])
            #expect(try await db.queuedEvents().isEmpty)
        }
    }

    @Test func unknownAndForgedTicketIDsAre404() async throws {
        try await GatewayHarness().run { (client, _) async throws in
            let foreign = TicketIDIssuer(secret: "someone else").issue()
            // Random ids, garbage, and an id issued by another secret are not ours.
            for id in [UUID().uuidString, "not-a-ticket", foreign.uuidString, "%00"] {
                #expect(try await client.get("/support/ticket/\(id)").status.code == 404, "\(id)")
            }
        }
    }

    @Test func whenTheQueueIsDownTheFormGets503WithRetryAfterAndNoTicket() async throws {
        var harness = GatewayHarness()
        harness.publisher = { _ in UnavailableQueue() }
        try await harness.run { client, _ in
            let reply = try await client.post("/support/submit", json: Self.form())
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.headers[.retryAfter] == "5")
            #expect(reply.json["ticket_id"] == nil)
            let ready = try await client.get("/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json["checks"]?["queue"]?.stringValue?.contains("down") == true)
            #expect(ready.json["checks"]?["database"] == "ok")
        }
    }

    @Test func whenTheQueueCannotCommitTheFormGets503AndLaterSucceeds() async throws {
        var harness = GatewayHarness()
        harness.statementTimeout = .seconds(1)
        try await harness.run { client, db in
            try await db.withClient { blocker in
                try await blocker.withTransaction { connection in
                    try await connection.execute("LOCK TABLE event_queue IN ACCESS EXCLUSIVE MODE")
                    let reply = try await client.post("/support/submit", json: Self.form())
                    #expect(reply.status == .serviceUnavailable)
                    #expect(reply.headers[.retryAfter] != nil)
                }
            }
            #expect(try await db.queuedEvents().isEmpty)
            #expect(try await client.post("/support/submit", json: Self.form()).status == .ok)
        }
    }

    @Test func thePageHealthAndReadinessAnswer() async throws {
        try await GatewayHarness().run { client, _ in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            for field in ["name", "email", "phone", "subject", "category", "priority", "message"] {
                #expect(page.text.contains("<label for=\"\(field)\""), "label for \(field)")
            }
            #expect(try await client.get("/health").status == .ok)
            let ready = try await client.get("/ready")
            #expect(ready.status == .ok, "\(ready.text)")
            #expect(ready.json["checks"] == ["database": "ok", "queue": "ok"])
        }
    }
}
