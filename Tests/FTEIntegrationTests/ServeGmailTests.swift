import FTECore
import FTETestSupport
import Foundation
import Testing

/// `/webhooks/gmail` of a running `fte serve` against fake Google services (OAuth, Gmail API,
/// JWKS) speaking Google's wire formats: Pub/Sub OIDC tokens signed with a local RSA key.
@Suite(.timeLimit(.minutes(3))) struct ServeGmailTests {
    static let audience = "https://support.example.com/webhooks/gmail"
    static let pushAccount = "gmail-push@fte-project.iam.gserviceaccount.com"
    static let mailbox = "support@fte.example"

    struct Fakes {
        let signer: TestTokenSigner
        let certs: FakeGoogleCertsServer
        let oauth: FakeGoogleOAuthServer
        let gmail: FakeGmailServer
        let gateway: RunningGateway
        let db: TestDatabase

        func push(historyID: String, token: String?) async throws -> RunningGateway.Reply {
            let data = try JSONSerialization.data(withJSONObject: ["emailAddress": ServeGmailTests.mailbox, "historyId": historyID])
            let envelope: [String: Any] = [
                "message": ["data": data.base64EncodedString(), "messageId": UUID().uuidString, "publishTime": "2026-11-25T10:00:00.123Z"],
                "subscription": "projects/fte-project/subscriptions/gmail-push",
            ]
            return try await gateway.postJSON("/webhooks/gmail", envelope, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        }

        func validToken(issuedAt: Date = Date()) throws -> String {
            try signer.token(claims: TestTokenSigner.pushClaims(audience: ServeGmailTests.audience, email: ServeGmailTests.pushAccount, issuedAt: issuedAt))
        }

        func queued() async throws -> [IncomingEvent] {
            try await db.withClient { client in
                try await client.query("SELECT payload::text AS p FROM event_queue ORDER BY id").map {
                    try IncomingEvent.decode(Array(try $0.decode("p", as: String.self).utf8))
                }
            }
        }
    }

    private func withFakes(_ body: (Fakes) async throws -> Void) async throws {
        try await withTestDatabase { db in
            let signer = try TestTokenSigner()
            let certs = try await FakeGoogleCertsServer.start(serving: signer)
            let oauth = try await FakeGoogleOAuthServer.start()
            let gmail = try await FakeGmailServer.start(address: Self.mailbox)
            let environment = [
                "FTE_GMAIL_ADDRESS": Self.mailbox, "FTE_GMAIL_CLIENT_ID": oauth.clientID,
                "FTE_GMAIL_CLIENT_SECRET": oauth.clientSecret, "FTE_GMAIL_REFRESH_TOKEN": oauth.refreshToken,
                "FTE_GOOGLE_OAUTH_URL": oauth.tokenURL, "FTE_GMAIL_API_BASE": gmail.baseURL,
                "FTE_PUBSUB_AUDIENCE": Self.audience, "FTE_PUBSUB_SERVICE_ACCOUNT": Self.pushAccount,
                "FTE_GOOGLE_CERTS_URL": certs.certsURL,
            ]
            let gateway = try await RunningGateway.start(databaseURL: db.url, environment: environment)
            let fakes = Fakes(signer: signer, certs: certs, oauth: oauth, gmail: gmail, gateway: gateway, db: db)
            var failure: (any Error)?
            do { try await body(fakes) } catch { failure = error }
            _ = try? await gateway.stop()
            await gmail.shutdown()
            await oauth.shutdown()
            await certs.shutdown()
            if let failure { throw failure }
        }
    }

    @Test func aVerifiedPushFetchesTheNewMailAndQueuesIt() async throws {
        try await withFakes { fakes in
            // The first notification only sets the checkpoint.
            let first = try await fakes.push(historyID: "\(fakes.gmail.historyID)", token: try fakes.validToken())
            #expect(first.status == 204, "\(first.text)")
            #expect(try await fakes.queued().isEmpty)

            let id = fakes.gmail.addIncoming(
                from: "Jane Doe <Jane@Example.com>", subject: "Invoice question",
                body: "Hello, why was I charged twice?\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@fte.example> wrote:\n> Earlier reply")
            let second = try await fakes.push(historyID: "\(fakes.gmail.historyID)", token: try fakes.validToken())
            #expect(second.status == 204, "\(second.text)")
            let events = try await fakes.queued()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.channel == .email)
            #expect(event.channelMessageID == id)
            #expect(event.customer.email == "jane@example.com")
            #expect(event.subject == "Invoice question")
            #expect(event.content == "Hello, why was I charged twice?")

            // Pub/Sub redelivers the same notification: nothing new is queued.
            #expect(try await fakes.push(historyID: "\(fakes.gmail.historyID)", token: try fakes.validToken()).status == 204)
            #expect(try await fakes.queued().count == 1)
        }
    }

    @Test func unauthenticatedPushesAreRefusedAndQueueNothing() async throws {
        try await withFakes { fakes in
            _ = fakes.gmail.addIncoming(from: "jane@example.com", subject: "Hello there", body: "A message body")
            let history = "\(fakes.gmail.historyID)"
            let expired = try fakes.validToken(issuedAt: Date().addingTimeInterval(-7200))
            let wrongAudience = try fakes.signer.token(
                claims: TestTokenSigner.pushClaims(audience: "https://elsewhere.example", email: Self.pushAccount, issuedAt: Date()))
            let otherKey = try TestTokenSigner(keyID: fakes.signer.keyID).token(
                claims: TestTokenSigner.pushClaims(audience: Self.audience, email: Self.pushAccount, issuedAt: Date()))
            #expect(try await fakes.push(historyID: history, token: nil).status == 401)
            #expect(try await fakes.push(historyID: history, token: expired).status == 401)
            #expect(try await fakes.push(historyID: history, token: otherKey).status == 401)
            #expect(try await fakes.push(historyID: history, token: wrongAudience).status == 403)
            #expect(try await fakes.queued().isEmpty)
            #expect(fakes.gmail.callCount(.historyList) == 0)
        }
    }

    @Test func malformedNotificationsAreAcknowledgedSoTheyAreNotRedeliveredForever() async throws {
        try await withFakes { fakes in
            let reply = try await fakes.gateway.postJSON(
                "/webhooks/gmail", ["message": ["data": "bm90IGpzb24", "messageId": "1"]],
                headers: ["Authorization": "Bearer \(try fakes.validToken())"])
            #expect(reply.status == 204)
            #expect(try await fakes.queued().isEmpty)
        }
    }
}
