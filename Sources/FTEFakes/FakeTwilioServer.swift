import FTECore
import Foundation
import Hummingbird
import Synchronization

/// Twilio's Messages API on loopback, speaking the real wire format: a form-encoded
/// `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP Basic authentication in,
/// `201` and the Message resource (`sid` `SM…`, `status: "queued"`, `to`, `from`, `body`,
/// `date_created`…) out; `GET` on the same path lists the messages (filters `To`, `From`,
/// `DateSent`/`DateSent>`/`DateSent<`, `PageSize`); failures get Twilio's error body (`code`,
/// `message`, `more_info`, `status`).
///
/// It checks what Twilio checks (credentials 20003, `To` 21604/21211, the `From` sender 63007,
/// a body or template 21602, `Body` length 21617, `ContentSid` 21655, `ContentVariables` 21656,
/// `StatusCallback` 21609), records every accepted message, lets tests script failures
/// (``failNext(_:count:)``, ``closeWindow(for:)``), and sends status callbacks signed with the
/// Auth Token as Twilio does (``sendStatusCallback(messageSID:status:errorCode:)``).
public final class FakeTwilioServer: Sendable {
    /// A message the fake accepted, as it was posted.
    public struct Message: Sendable, Equatable {
        /// The Message SID it was given (`SM` and 32 hex digits).
        public var sid: String
        /// `To`, e.g. `whatsapp:+14155550100`.
        public var to: String
        /// `From`.
        public var from: String
        /// `Body`, nil for templates.
        public var body: String?
        /// `ContentSid`, for templates.
        public var contentSID: String?
        /// `ContentVariables`, the JSON text as posted.
        public var contentVariables: String?
        /// `StatusCallback`, if one was given.
        public var statusCallback: String?
        /// The latest status: `queued`, then what ``sendStatusCallback(messageSID:status:errorCode:)`` reported.
        public var status: TwilioMessageStatus
        /// When the fake accepted it (`date_created`, and `date_sent`: the fake sends at once).
        public var createdAt: Date

        public init(
            sid: String, to: String, from: String, body: String?, contentSID: String?, contentVariables: String?,
            statusCallback: String?, status: TwilioMessageStatus, createdAt: Date = Date()
        ) {
            self.createdAt = createdAt
            self.sid = sid
            self.to = to
            self.from = from
            self.body = body
            self.contentSID = contentSID
            self.contentVariables = contentVariables
            self.statusCallback = statusCallback
            self.status = status
        }
    }

    /// A failure to answer the next requests with.
    public enum Failure: Sendable, Equatable {
        /// 429 with error 20429 and, when given, `Retry-After` in seconds.
        case tooManyRequests(retryAfterSeconds: Int?)
        /// 500 with error 20500.
        case serverError
        /// 401 with error 20003, as for wrong credentials.
        case unauthorized
        /// Any status, Twilio error code and message.
        case error(status: Int, code: Int, message: String)
    }

    /// The account the fake serves (`AC…`).
    public let accountSID: String
    /// The Auth Token it expects, and signs status callbacks with.
    public let authToken: String
    /// The one WhatsApp sender it knows, in E.164.
    public let whatsAppFrom: String
    /// The API base URL, for ``TwilioSettings/apiBaseURL``.
    public var apiBaseURL: String { server.baseURL }
    /// Accepted messages, oldest first.
    public var messages: [Message] { account.state.withLock { $0.messages } }
    /// Requests to create a message so far, accepted or not.
    public var requestCount: Int { account.state.withLock { $0.requests } }
    /// Requests to the Messages list so far (what the outbox asks before resending).
    public var listRequestCount: Int { account.state.withLock { $0.listRequests } }
    /// Accepted messages with the same recipient and content (`Body`, or `ContentSid` and
    /// `ContentVariables`) as an earlier accepted one: a reply sent twice, counted by the fake.
    public var duplicateSends: Int { account.state.withLock { $0.duplicateSends } }

    private let server: LocalHTTPServer
    private let account: FakeTwilioAccount
    private let callbackClient: HTTPClient

    /// Starts a server for one account and sender.
    public static func start(
        accountSID: String = "AC" + String(repeating: "0123456789abcdef", count: 2),
        authToken: String = "fake-twilio-auth-token", whatsAppFrom: String = "+14155238886"
    ) async throws -> FakeTwilioServer {
        let account = FakeTwilioAccount(accountSID: accountSID, authToken: authToken, whatsAppFrom: whatsAppFrom)
        let router = Router(context: PeerRequestContext.self)
        router.post("2010-04-01/Accounts/:account/Messages.json") { request, context in
            let response = try await account.create(request, pathAccount: context.parameters.get("account") ?? "")
            if response.status == .created { await account.interruption.fire(clientPort: context.clientPort) }
            return response
        }
        router.get("2010-04-01/Accounts/:account/Messages.json") { request, context in
            account.list(request, pathAccount: context.parameters.get("account") ?? "")
        }
        return FakeTwilioServer(account: account, server: try await LocalHTTPServer.start(router))
    }

    private init(account: FakeTwilioAccount, server: LocalHTTPServer) {
        accountSID = account.accountSID
        authToken = account.authToken
        whatsAppFrom = account.whatsAppFrom
        self.account = account
        self.server = server
        callbackClient = HTTPClient()
    }

    /// Settings that send through this fake as its account and sender.
    public func settings(statusCallbackURL: String? = nil, templateContentSID: String? = nil) -> TwilioSettings {
        TwilioSettings(
            accountSID: accountSID, authToken: authToken, whatsAppFrom: whatsAppFrom, apiBaseURL: apiBaseURL,
            statusCallbackURL: statusCallbackURL, templateContentSID: templateContentSID)
    }

    /// Runs `body` with the sender's client port once the next message is accepted, before the
    /// answer goes out: a sender killed in `body` dies after Twilio took its message and before
    /// it learnt the SID (`fte simulate`'s mid-send kill).
    public func interruptNextSend(_ body: (@Sendable (_ clientPort: Int) async -> Void)?) {
        account.interruption.arm(body)
    }

    /// Answers the next `count` authenticated requests with `failure`.
    public func failNext(_ failure: Failure, count: Int = 1) {
        account.state.withLock { $0.failures += Array(repeating: failure, count: count) }
    }

    /// Starts (with a failure) or ends (`nil`) an outage: while it lasts, every authenticated
    /// request is answered with `failure`.
    public func setOutage(_ failure: Failure?) {
        account.state.withLock { $0.outage = failure }
    }

    /// Refuses free-form messages (`Body`) to `phone` with error 63016, as outside the WhatsApp
    /// 24-hour window; templates still go through.
    public func closeWindow(for phone: String) {
        _ = account.state.withLock { $0.closedWindows.insert(ContactAddress.normalizedPhone(phone) ?? phone) }
    }

    /// Posts a status callback for an accepted message to its `StatusCallback` URL, form-encoded
    /// and signed (`X-Twilio-Signature`) as Twilio does: `MessageSid`, `SmsSid`, `MessageStatus`,
    /// `SmsStatus`, `AccountSid`, `From`, `To`, `ApiVersion`, `ChannelPrefix=whatsapp`,
    /// `ChannelInstallSid`, `ChannelToAddress`, `StructuredMessage`, and `ErrorCode` with
    /// `ErrorMessage` when `errorCode` is given.
    /// - Parameter via: where the callback is actually posted (`http://127.0.0.1:PORT`), as an
    ///   ingress would forward it; the signature still covers the public `StatusCallback` URL.
    /// - Returns: the HTTP status the callback URL answered.
    /// - Throws: ``FakeServiceError`` when the message is unknown or has no `StatusCallback`.
    @discardableResult
    public func sendStatusCallback(
        messageSID: String, status: TwilioMessageStatus, errorCode: Int? = nil, via: String? = nil
    ) async throws -> Int {
        guard let message = messages.first(where: { $0.sid == messageSID }) else {
            throw FakeServiceError("the fake Twilio server has no message \(messageSID)")
        }
        guard let url = message.statusCallback else {
            throw FakeServiceError("message \(messageSID) was sent without a StatusCallback")
        }
        var fields = [
            FormField("ChannelPrefix", "whatsapp"), FormField("ApiVersion", "2010-04-01"),
            FormField("MessageStatus", status.rawValue), FormField("SmsSid", message.sid),
            FormField("SmsStatus", status.rawValue),
            FormField("ChannelInstallSid", "XE" + String(repeating: "5", count: 32)),
            FormField("To", message.to), FormField("From", message.from), FormField("MessageSid", message.sid),
            FormField("StructuredMessage", "false"), FormField("AccountSid", accountSID),
            FormField("ChannelToAddress", ContactAddress.normalizedPhone(message.to) ?? message.to),
        ]
        if let errorCode {
            fields.append(FormField("ErrorCode", String(errorCode)))
            fields.append(FormField("ErrorMessage", "Twilio error \(errorCode)"))
        }
        var request = HTTPClientRequest(.post, url: Self.forwarding(url, via: via), headers: ["User-Agent": "TwilioProxy/1.1"])
        request.setFormBody(fields)
        request.headers.add(
            name: "X-Twilio-Signature",
            value: TwilioSignatureValidator(authToken: authToken).signature(url: url, parameters: fields))
        let response = try await callbackClient.send(request)
        account.state.withLock { state in
            if let index = state.messages.firstIndex(where: { $0.sid == messageSID }) {
                state.messages[index].status = status
            }
        }
        return response.status
    }

    /// `url` with its scheme, host and port replaced by those of `via`.
    static func forwarding(_ url: String, via: String?) -> String {
        guard let via, let target = URLComponents(string: url), var forwarded = URLComponents(string: via) else { return url }
        forwarded.path = target.path
        forwarded.percentEncodedQuery = target.percentEncodedQuery
        return forwarded.string ?? url
    }

    /// Stops the server.
    public func shutdown() async {
        await callbackClient.shutdown()
        await server.shutdown()
    }
}

extension FakeTwilioServer.Message {
    /// The same recipient and the same content: text, or template and variables.
    func hasSameContent(as other: FakeTwilioServer.Message) -> Bool {
        to == other.to && body == other.body && contentSID == other.contentSID && contentVariables == other.contentVariables
    }
}
