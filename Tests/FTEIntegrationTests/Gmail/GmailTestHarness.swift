import FTECore
import FTETestSupport
import Foundation

/// Fake Google OAuth and Gmail servers with a real ``GmailAPIClient`` pointed at them.
struct GmailTestHarness: Sendable {
    let oauth: FakeGoogleOAuthServer
    let gmail: FakeGmailServer
    let httpClient: HTTPClient
    let api: GmailAPIClient

    /// Runs `body` with running fakes, shutting everything down afterwards.
    static func with<R: Sendable>(
        historyPageSize: Int = 100,
        acceptsToken: @escaping @Sendable (String) -> Bool = { $0.hasPrefix("ya29.fake-access-token-") },
        _ body: (GmailTestHarness) async throws -> R
    ) async throws -> R {
        let oauth = try await FakeGoogleOAuthServer.start()
        let gmail = try await FakeGmailServer.start(acceptsToken: acceptsToken, historyPageSize: historyPageSize)
        let httpClient = HTTPClient()
        let tokens = GoogleAccessTokenProvider(
            credentials: GoogleOAuthCredentials(
                clientID: oauth.clientID, clientSecret: oauth.clientSecret, refreshToken: oauth.refreshToken),
            tokenURL: oauth.tokenURL, httpClient: httpClient)
        let harness = GmailTestHarness(
            oauth: oauth, gmail: gmail, httpClient: httpClient,
            api: GmailAPIClient(baseURL: gmail.baseURL, httpClient: httpClient, tokens: tokens))
        let result: Result<R, any Error>
        do { result = .success(try await body(harness)) } catch { result = .failure(error) }
        await httpClient.shutdown()
        await gmail.shutdown()
        await oauth.shutdown()
        return try result.get()
    }

    /// The events waiting in `event_queue`, oldest first.
    static func queuedEvents(_ database: Database) async throws -> [IncomingEvent] {
        try await database.query("SELECT payload::text AS payload FROM event_queue ORDER BY id").map { row in
            try IncomingEvent.decode(Array(try row.decode("payload", as: String.self).utf8))
        }
    }

    /// The stored checkpoint of `mailbox`, or nil.
    static func checkpoint(_ database: Database, mailbox: String = "support@fte.example") async throws -> String? {
        let rows = try await database.query(
            "SELECT history_id::text AS history_id FROM gmail_sync WHERE mailbox = \(mailbox)")
        return try rows.first?.decode("history_id", as: String?.self)
    }
}

/// A publisher whose queue is down.
struct UnavailablePublisher: EventPublisher {
    func publish(_ event: IncomingEvent) async throws { throw QueueError.unavailable("broker down") }
    func checkReady() async throws { throw QueueError.unavailable("broker down") }
    func shutdown() async {}
}
