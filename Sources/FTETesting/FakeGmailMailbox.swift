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
        var watchedTopic: String?
    }

    let address: String
    let acceptsToken: @Sendable (String) -> Bool
    let state: Mutex<State>

    init(address: String, acceptsToken: @escaping @Sendable (String) -> Bool, state: State) {
        self.address = address
        self.acceptsToken = acceptsToken
        self.state = Mutex(state)
    }

    func add(_ fixture: GmailMessageFixture) -> String {
        state.withLock { state in
            // History ids grow but are not contiguous.
            state.historyID += 7
            let id = String(format: "18f%013llx", state.historyID * 4_099)
            state.mails.append(Mail(
                id: id, threadID: fixture.threadID ?? id, historyID: state.historyID, labels: fixture.labels,
                json: fixture.json(id: id, historyID: state.historyID)))
            return id
        }
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
        let records = mails.filter { $0.historyID > start }.map { mail -> [String: Any] in
            let reference: [String: Any] = ["id": mail.id, "threadId": mail.threadID, "labelIds": mail.labels]
            return ["id": String(mail.historyID), "messages": [reference], "messagesAdded": [["message": reference]]]
        }
        var body = page(records, request: request, pageSize: pageSize, key: "history")
        body["historyId"] = String(current)
        return Self.json(200, body)
    }

    func list(_ request: Request) -> Response {
        let labels = request.uri.queryParameters[values: "labelIds"].map(String.init)
        let mails = state.withLock { $0.mails }
            .filter { mail in labels.allSatisfy(mail.labels.contains) }
            .sorted { $0.historyID > $1.historyID }
        var body = page(mails.map { ["id": $0.id, "threadId": $0.threadID] }, request: request, pageSize: 500,
                        key: "messages")
        body["resultSizeEstimate"] = mails.count
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
            "emailAddress": address, "messagesTotal": count, "threadsTotal": count, "historyId": String(historyID),
        ])
    }

    func watch(body: Data) -> Response {
        let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        guard let topic = request?["topicName"] as? String, topic.hasPrefix("projects/"), topic.contains("/topics/")
        else {
            return Self.error(400, "invalidArgument", "Invalid topicName does not match projects/*/topics/*")
        }
        let (historyID, lifetime) = state.withLock { state in
            state.watchedTopic = topic
            return (state.historyID, state.watchLifetime)
        }
        let expiration = Date().addingTimeInterval(Double(lifetime.components.seconds))
        return Self.json(200, [
            "historyId": String(historyID), "expiration": String(Int64(expiration.timeIntervalSince1970 * 1000)),
        ])
    }

    /// The slice of `items` for the request's `pageToken` (an offset) and `maxResults`.
    private func page(_ items: [[String: Any]], request: Request, pageSize: Int, key: String) -> [String: Any] {
        let offset = request.uri.queryParameters["pageToken"].flatMap { Int($0) } ?? 0
        let limit = min(pageSize, request.uri.queryParameters["maxResults"].flatMap { Int($0) } ?? 100)
        let end = min(items.count, offset + max(1, limit))
        var body: [String: Any] = [:]
        if offset < end { body[key] = Array(items[offset..<end]) }
        if end < items.count { body["nextPageToken"] = String(end) }
        return body
    }

    static func error(_ status: Int, _ reason: String, _ message: String) -> Response {
        json(status, ["error": [
            "code": status, "message": message, "errors": [["message": message, "domain": "global", "reason": reason]],
        ] as [String: Any]])
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return response(status, data ?? Data("{}".utf8))
    }

    static func response(_ status: Int, _ data: Data) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
