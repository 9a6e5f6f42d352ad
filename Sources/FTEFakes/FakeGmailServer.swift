import FTECore
import Foundation
import Hummingbird
import Synchronization

/// The Gmail API (`/gmail/v1/users/me/…`) on loopback, speaking the real wire format: `history`,
/// `messages` (with `labelIds` and the search `q=rfc822msgid:<Message-ID>`),
/// `messages/{id}?format=full`, `messages/send`, `profile` and `watch`.
///
/// Every call needs `Authorization: Bearer <token>` with a token that ``acceptsToken`` allows and
/// that was not revoked; others get Google's 401 body. `history` answers 404 for a start id older
/// than the history horizon (``expireHistory()``), and pages its records. `messages/send`
/// records what was sent (``sentMessages``) and adds it to the mailbox labelled `SENT`, in the
/// requested thread when Gmail's threading rules hold (404 for a thread it does not have).
public final class FakeGmailServer: Sendable {
    /// A Gmail API call, for counting.
    public enum Endpoint: String, Sendable, CaseIterable {
        case historyList, messagesGet, messagesList, messagesSend, getProfile, watch
    }

    /// A message `messages.send` accepted.
    public struct SentMessage: Sendable {
        /// The Gmail id it got.
        public var id: String
        /// The thread it was filed in: the requested one when the threading rules held, else its own.
        public var threadID: String
        /// The `threadId` of the request, if any.
        public var requestedThreadID: String?
        /// The decoded `raw`: the RFC 5322 text as sent.
        public var raw: String
        /// `raw` taken apart: headers and decoded body.
        public var email: ParsedEmail
    }

    /// The mailbox address (`profile.emailAddress`).
    public let address: String
    /// The base URL for ``GmailAPIClient``: `<server>/gmail/v1`.
    public var baseURL: String { server.baseURL + "/gmail/v1" }
    /// The mailbox's current history id.
    public var historyID: UInt64 { mailbox.state.withLock { $0.historyID } }
    /// Requests refused with 401.
    public var unauthorizedCount: Int { mailbox.state.withLock { $0.unauthorized } }
    /// The topic of the last `watch` call, if any.
    public var watchedTopic: String? { mailbox.state.withLock { $0.watchedTopic } }
    /// Messages sent through `messages.send`, oldest first.
    public var sentMessages: [SentMessage] { mailbox.state.withLock { $0.sent } }
    /// Sends whose `Message-ID` header the mailbox already had (a message sent twice), counted
    /// by the fake, not by its client.
    public var duplicateSends: Int { mailbox.state.withLock { $0.duplicateSends } }

    private let server: LocalHTTPServer
    private let mailbox: FakeGmailMailbox

    /// Starts a server for the mailbox `address`.
    /// - Parameters:
    ///   - acceptsToken: which bearer tokens are valid; by default those `FakeGoogleOAuthServer` issues.
    ///   - historyPageSize: most history records per page (Gmail's `maxResults` caps it too).
    ///   - startHistoryID: the history id of the empty mailbox.
    ///   - watchLifetime: how long a watch lasts.
    public static func start(
        address: String = "support@fte.example",
        acceptsToken: @escaping @Sendable (String) -> Bool = { $0.hasPrefix("ya29.fake-access-token-") },
        historyPageSize: Int = 100, startHistoryID: UInt64 = 1_000, watchLifetime: Duration = .seconds(7 * 86_400)
    ) async throws -> FakeGmailServer {
        let mailbox = FakeGmailMailbox(
            address: address, acceptsToken: acceptsToken,
            state: .init(historyID: startHistoryID, pageSize: historyPageSize, watchLifetime: watchLifetime))
        let router = Router(context: PeerRequestContext.self)
        let api = router.group("gmail/v1/users/me")
        api.get("history") { request, _ in mailbox.respond(request, .historyList, mailbox.history) }
        api.get("messages") { request, _ in mailbox.respond(request, .messagesList, mailbox.list) }
        api.get("messages/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return mailbox.respond(request, .messagesGet) { _ in mailbox.message(id: id) }
        }
        api.post("messages/send") { request, context in
            let body = try await request.body.collect(upTo: 40 << 20)
            let response = mailbox.respond(request, .messagesSend) { _ in mailbox.send(body: Data(body.readableBytesView)) }
            if response.status == .ok { await mailbox.interruption.fire(clientPort: context.clientPort) }
            return response
        }
        api.get("profile") { request, _ in mailbox.respond(request, .getProfile) { _ in mailbox.profile() } }
        api.post("watch") { request, _ in
            let body = try await request.body.collect(upTo: 64 << 10)
            return mailbox.respond(request, .watch) { _ in mailbox.watch(body: Data(body.readableBytesView)) }
        }
        return FakeGmailServer(address: address, server: try await LocalHTTPServer.start(router), mailbox: mailbox)
    }

    private init(address: String, server: LocalHTTPServer, mailbox: FakeGmailMailbox) {
        self.address = address
        self.server = server
        self.mailbox = mailbox
    }

    /// Delivers `mail` to the mailbox: the history id advances and a `messageAdded` record is
    /// written. Returns the new message's Gmail id.
    @discardableResult
    public func addIncoming(_ mail: GmailMessageFixture) -> String {
        mailbox.add(mail)
    }

    /// Delivers a mail built from the given parts; see ``GmailMessageFixture``.
    @discardableResult
    public func addIncoming(from: String, subject: String, body: String, threadID: String? = nil,
                            labels: [String] = ["INBOX", "UNREAD"],
                            authentication: GmailMessageFixture.Authentication = .dmarcPass) -> String {
        mailbox.add(GmailMessageFixture(
            from: from, subject: subject, body: body, threadID: threadID, labels: labels, authentication: authentication))
    }

    /// Makes every history id older than the current one invalid: `history` answers 404 for them.
    public func expireHistory() {
        mailbox.state.withLock { $0.horizon = $0.historyID }
    }

    /// Refuses every token presented so far, as an expired or revoked access token is.
    public func revokeSeenTokens() {
        mailbox.state.withLock { $0.revokedTokens.formUnion($0.seenTokens) }
    }

    /// Runs `body` with the sender's client port once the next `messages.send` is accepted,
    /// before the answer goes out: a sender killed in `body` dies after Gmail took its message and
    /// before it learnt the id (`fte simulate`'s mid-send kill). `nil` disarms.
    public func interruptNextSend(_ body: (@Sendable (_ clientPort: Int) async -> Void)?) {
        mailbox.interruption.arm(body)
    }

    /// Answers the next `count` authorised calls with `status` and Google's error body with `reason`.
    public func failNext(status: Int, reason: String, count: Int = 1) {
        mailbox.state.withLock { $0.failures += Array(repeating: (status, reason), count: count) }
    }

    /// Starts (`status`, `reason`) or ends (`nil`) an outage: while it lasts, every authorised
    /// call is answered with that error.
    public func setOutage(status: Int?, reason: String = "backendError") {
        mailbox.state.withLock { $0.outage = status.map { ($0, reason) } }
    }

    /// Authorised calls made to `endpoint` so far.
    public func callCount(_ endpoint: Endpoint) -> Int {
        mailbox.state.withLock { $0.calls[endpoint, default: 0] }
    }

    /// Stops the server.
    public func shutdown() async {
        await server.shutdown()
    }
}
