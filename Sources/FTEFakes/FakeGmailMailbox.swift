import FTECore
import Foundation
import Hummingbird
import Synchronization

/// The state and request handlers behind ``FakeGmailServer``.
final class FakeGmailMailbox: Sendable {
    struct Mail {
        let id: String
        let threadID: String
        let historyID: UInt64
        let labels: [String]
        /// The `Subject` and `Message-ID` headers, for the threading rules of `messages.send`.
        let subject: String
        let messageID: String
        let json: Data
    }

    struct State {
        var historyID: UInt64
        var pageSize: Int
        var watchLifetime: Duration
        var horizon: UInt64 = 0
        var mails: [Mail] = []
        var calls: [FakeGmailServer.Endpoint: Int] = [:]
        var unauthorized = 0
        var seenTokens: Set<String> = []
        var revokedTokens: Set<String> = []
        var failures: [(status: Int, reason: String)] = []
        /// While set, every authorised call gets this failure (an outage).
        var outage: (status: Int, reason: String)?
        var watchedTopic: String?
        var sent: [FakeGmailServer.SentMessage] = []
        /// Sends whose `Message-ID` the mailbox already had: the same message sent again.
        var duplicateSends = 0
    }

    let address: String
    let acceptsToken: @Sendable (String) -> Bool
    let state: Mutex<State>
    /// What runs between accepting the next `messages.send` and answering.
    let interruption = SendInterruption()

    init(address: String, acceptsToken: @escaping @Sendable (String) -> Bool, state: State) {
        self.address = address
        self.acceptsToken = acceptsToken
        self.state = Mutex(state)
    }

    func add(_ fixture: GmailMessageFixture) -> String {
        state.withLock { Self.add(fixture, to: &$0).id }
    }

    private static func add(_ fixture: GmailMessageFixture, to state: inout State) -> Mail {
        // History ids grow but are not contiguous.
        state.historyID += 7
        let id = String(format: "18f%013llx", state.historyID * 4_099)
        let mail = Mail(
            id: id, threadID: fixture.threadID ?? id, historyID: state.historyID, labels: fixture.labels,
            subject: fixture.subject, messageID: fixture.messageIDHeader(id: id),
            json: fixture.json(id: id, historyID: state.historyID))
        state.mails.append(mail)
        return mail
    }

    /// Checks the bearer token and injected failures, counts the call, then runs `handler`.
    func respond(_ request: Request, _ endpoint: FakeGmailServer.Endpoint, _ handler: (Request) -> Response)
        -> Response {
        let authorization = request.headers[.authorization] ?? ""
        let token = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : ""
        let failure: (status: Int, reason: String)?? = state.withLock { state in
            guard !token.isEmpty, acceptsToken(token), !state.revokedTokens.contains(token) else {
                state.unauthorized += 1
                return nil
            }
            state.seenTokens.insert(token)
            state.calls[endpoint, default: 0] += 1
            if let outage = state.outage { return .some(outage) }
            return .some(state.failures.isEmpty ? nil : state.failures.removeFirst())
        }
        guard let failure else {
            return Self.error(401, "authError", "Request had invalid authentication credentials.")
        }
        if let failure { return Self.error(failure.status, failure.reason, "Injected failure.") }
        return handler(request)
    }

    func history(_ request: Request) -> Response {
        guard let start = request.uri.queryParameters["startHistoryId"].flatMap({ UInt64($0) }) else {
            return Self.error(400, "invalidArgument", "Invalid startHistoryId.")
        }
        let (mails, current, horizon, pageSize) = state.withLock { ($0.mails, $0.historyID, $0.horizon, $0.pageSize) }
        guard start >= horizon else { return Self.error(404, "notFound", "Requested entity was not found.") }
        let records = mails.filter { $0.historyID > start }.map { mail -> JSONValue in
            let reference: JSONValue = [
                "id": .string(mail.id), "threadId": .string(mail.threadID), "labelIds": .array(mail.labels.map(JSONValue.string)),
            ]
            return ["id": .string(String(mail.historyID)), "messages": [reference], "messagesAdded": [["message": reference]]]
        }
        var body = page(records, request: request, pageSize: pageSize, key: "history")
        body["historyId"] = .string(String(current))
        return Self.json(200, body)
    }

    /// `messages.list`: `labelIds` (all must match) and `q`, of which the fake knows one
    /// operator, `rfc822msgid:` (the `Message-ID` header, angle brackets optional); another
    /// query is answered 400 rather than ignored.
    func list(_ request: Request) -> Response {
        let labels = request.uri.queryParameters[values: "labelIds"].map(String.init)
        var messageID: String?
        if let query = request.uri.queryParameters["q"].map(String.init), !query.isEmpty {
            guard query.hasPrefix("rfc822msgid:"), !query.contains(" ") else {
                return Self.error(400, "invalidArgument", "The fake Gmail API supports only q=rfc822msgid:<id>.")
            }
            messageID = Self.bareMessageID(String(query.dropFirst("rfc822msgid:".count)))
        }
        let mails = state.withLock { $0.mails }
            .filter { mail in labels.allSatisfy(mail.labels.contains) }
            .filter { mail in messageID.map { Self.bareMessageID(mail.messageID) == $0 } ?? true }
            .sorted { $0.historyID > $1.historyID }
        var body = page(mails.map { ["id": .string($0.id), "threadId": .string($0.threadID)] }, request: request, pageSize: 500,
                        key: "messages")
        body["resultSizeEstimate"] = .number(Double(mails.count))
        return Self.json(200, body)
    }

    func message(id: String) -> Response {
        guard let mail = state.withLock({ $0.mails.first { $0.id == id } }) else {
            return Self.error(404, "notFound", "Requested entity was not found.")
        }
        return Self.response(200, mail.json)
    }

    func profile() -> Response {
        let (count, historyID) = state.withLock { ($0.mails.count, $0.historyID) }
        return Self.json(200, [
            "emailAddress": .string(address), "messagesTotal": .number(Double(count)), "threadsTotal": .number(Double(count)),
            "historyId": .string(String(historyID)),
        ])
    }

    func watch(body: Data) -> Response {
        let request = try? JSONValue(parsing: body)
        guard let topic = request?["topicName"]?.stringValue, topic.hasPrefix("projects/"), topic.contains("/topics/")
        else {
            return Self.error(400, "invalidArgument", "Invalid topicName does not match projects/*/topics/*")
        }
        let (historyID, lifetime) = state.withLock { state in
            state.watchedTopic = topic
            return (state.historyID, state.watchLifetime)
        }
        let expiration = Date().addingTimeInterval(Double(lifetime.components.seconds))
        return Self.json(200, [
            "historyId": .string(String(historyID)), "expiration": .string(String(Int64(expiration.timeIntervalSince1970 * 1000))),
        ])
    }

    /// `messages.send`: decodes `raw`, files the message in the requested thread when Gmail's
    /// threading rules hold (else in a new thread), and adds it to the mailbox labelled `SENT`.
    func send(body: Data) -> Response {
        let request = try? JSONValue(parsing: body)
        guard let encoded = request?["raw"]?.stringValue, let bytes = Base64URL.decode(encoded),
            let raw = String(validating: bytes, as: UTF8.self), let email = ParsedEmail(raw: raw)
        else {
            return Self.error(400, "invalidArgument", "Invalid value for ByteString")
        }
        guard ["To", "Cc", "Bcc"].contains(where: { email.headers[$0] != nil }) else {
            return Self.error(400, "invalidArgument", "Recipient address required")
        }
        let requestedThreadID = request?["threadId"]?.stringValue
        let sent: FakeGmailServer.SentMessage? = state.withLock { state in
            let thread = state.mails.filter { $0.threadID == requestedThreadID }
            if requestedThreadID != nil, thread.isEmpty { return nil }
            let joins = !thread.isEmpty && Self.followsThreadingRules(email, thread: thread)
            let fixture = GmailMessageFixture(
                from: email.headers["From"] ?? address, to: email.headers["To"] ?? "",
                subject: email.headers["Subject"] ?? "", body: email.body,
                threadID: joins ? requestedThreadID : nil, labels: ["SENT"],
                rfc822MessageID: email.headers["Message-ID"], authentication: .none)
            if let id = email.headers["Message-ID"].map(Self.bareMessageID),
                state.mails.contains(where: { Self.bareMessageID($0.messageID) == id }) {
                state.duplicateSends += 1
            }
            let mail = Self.add(fixture, to: &state)
            let message = FakeGmailServer.SentMessage(
                id: mail.id, threadID: mail.threadID, requestedThreadID: requestedThreadID, raw: raw, email: email)
            state.sent.append(message)
            return message
        }
        guard let sent else { return Self.error(404, "notFound", "Requested entity was not found.") }
        return Self.json(200, ["id": .string(sent.id), "threadId": .string(sent.threadID), "labelIds": ["SENT"]])
    }

    /// A `Message-ID` without its angle brackets, lowercased: how `rfc822msgid:` compares.
    static func bareMessageID(_ id: String) -> String {
        id.trimmingCharacters(in: CharacterSet(charactersIn: " <>")).lowercased()
    }

    /// Gmail's rules for joining a thread: the subject matches (ignoring `Re:`/`Fwd:`), and
    /// `In-Reply-To` or `References` names a message of the thread.
    private static func followsThreadingRules(_ email: ParsedEmail, thread: [Mail]) -> Bool {
        let subject = baseSubject(email.headers.decoded("Subject") ?? "")
        guard thread.contains(where: { baseSubject(EmailHeaders([.init(name: "Subject", value: $0.subject)])
            .decoded("Subject") ?? "") == subject })
        else { return false }
        let referenced = (email.headers.all("In-Reply-To") + email.headers.all("References")).joined(separator: " ")
        return thread.contains { referenced.contains($0.messageID) }
    }

    private static func baseSubject(_ subject: String) -> String {
        var text = Substring(subject)
        while true {
            text = text.drop { $0 == " " || $0 == "\t" }
            guard let prefix = ["re:", "fwd:", "fw:"].first(where: { text.lowercased().hasPrefix($0) }) else { break }
            text = text.dropFirst(prefix.count)
        }
        return text.lowercased()
    }

    /// The slice of `items` for the request's `pageToken` (an offset) and `maxResults`.
    private func page(_ items: [JSONValue], request: Request, pageSize: Int, key: String) -> [String: JSONValue] {
        let offset = request.uri.queryParameters["pageToken"].flatMap { Int($0) } ?? 0
        let limit = min(pageSize, request.uri.queryParameters["maxResults"].flatMap { Int($0) } ?? 100)
        let end = min(items.count, offset + max(1, limit))
        var body: [String: JSONValue] = [:]
        if offset < end { body[key] = .array(Array(items[offset..<end])) }
        if end < items.count { body["nextPageToken"] = .string(String(end)) }
        return body
    }

    static func error(_ status: Int, _ reason: String, _ message: String) -> Response {
        json(status, ["error": [
            "code": .number(Double(status)), "message": .string(message),
            "errors": [["message": .string(message), "domain": "global", "reason": .string(reason)]],
        ]])
    }

    static func json(_ status: Int, _ object: [String: JSONValue]) -> Response {
        response(status, JSONValue.object(object).jsonData)
    }

    static func response(_ status: Int, _ data: Data) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
