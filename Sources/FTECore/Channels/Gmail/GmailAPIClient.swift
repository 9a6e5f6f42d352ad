import Foundation

/// The Gmail API calls the e-mail channel needs, for the authorised mailbox (`users/me`).
///
/// Each call sends the bearer token from a ``GoogleAccessTokenProvider``; when the API answers
/// 401 the token is invalidated and the call is repeated once with a fresh one. Error statuses
/// become ``GmailAPIError``s (``send(rawMessage:threadID:)`` classifies them further, as
/// ``ChannelDeliveryError``s); tokens never appear in errors or logs.
public struct GmailAPIClient: Sendable {
    /// Google's endpoint.
    public static let defaultBaseURL = "https://gmail.googleapis.com/gmail/v1"
    /// Most pages one `history(since:)` or `recentMessageIDs` call reads.
    static let maxPages = 50

    /// The API base URL, without a trailing slash.
    public let baseURL: String
    let httpClient: HTTPClient
    let tokens: GoogleAccessTokenProvider

    /// A client for the API at `baseURL`.
    public init(baseURL: String = GmailAPIClient.defaultBaseURL, httpClient: HTTPClient,
                tokens: GoogleAccessTokenProvider) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.httpClient = httpClient
        self.tokens = tokens
    }

    /// The base URL: `FTE_GMAIL_API_BASE`, else ``defaultBaseURL``.
    public static func baseURL(environment: [String: String]) -> String {
        ConfigKey.gmailAPIBase.resolve(flag: nil, environment: environment) ?? defaultBaseURL
    }

    /// One page of `history.list` with `historyTypes=messageAdded`.
    /// - Throws: ``GmailAPIError`` `historyExpired` when `startHistoryID` is too old (404).
    public func historyPage(startHistoryID: String, pageToken: String? = nil) async throws -> GmailHistoryPage {
        var query = [("startHistoryId", startHistoryID), ("historyTypes", "messageAdded"), ("maxResults", "500")]
        if let pageToken { query.append(("pageToken", pageToken)) }
        let response = try await send(.get, "history", query: query, call: "history.list") { status in
            status == 404 ? .historyExpired : nil
        }
        let list = try decode(GmailWire.HistoryList.self, response, call: "history.list")
        let added = (list.history ?? []).flatMap { ($0.messagesAdded ?? []).map(\.message.id) }
        return GmailHistoryPage(addedMessageIDs: added, historyID: list.historyId, nextPageToken: list.nextPageToken)
    }

    /// Every message added since `startHistoryID`, reading all pages (at most ``maxPages``).
    /// - Throws: ``GmailAPIError`` `historyExpired` when `startHistoryID` is too old.
    public func history(since startHistoryID: String) async throws -> GmailHistory {
        var ids: [String] = []
        var seen: Set<String> = []
        var pageToken: String?
        var historyID = startHistoryID
        for _ in 0..<Self.maxPages {
            let page = try await historyPage(startHistoryID: startHistoryID, pageToken: pageToken)
            for id in page.addedMessageIDs where seen.insert(id).inserted { ids.append(id) }
            historyID = page.historyID
            pageToken = page.nextPageToken
            if pageToken == nil { break }
        }
        return GmailHistory(addedMessageIDs: ids, historyID: historyID)
    }

    /// `messages.get?format=full`: the response body, for ``GmailMessage/decode(json:)``.
    /// - Throws: ``GmailAPIError`` `messageNotFound` when the message is gone.
    public func messageJSON(id: String) async throws -> [UInt8] {
        let path = "messages/" + Self.pathSegment(id)
        let response = try await send(.get, path, query: [("format", "full")], call: "messages.get") { status in
            status == 404 ? .messageNotFound(id: id) : nil
        }
        return Array(response.body)
    }

    /// Ids of the newest messages carrying all of `labelIDs` (and matching `query` if given),
    /// newest first, at most `limit`.
    public func recentMessageIDs(labelIDs: [String] = ["INBOX"], query: String? = nil, limit: Int) async throws
        -> [String] {
        var ids: [String] = []
        var pageToken: String?
        var pages = 0
        while ids.count < limit, pages < Self.maxPages {
            pages += 1
            var parameters = labelIDs.map { ("labelIds", $0) } + [("maxResults", String(min(500, limit - ids.count)))]
            if let query { parameters.append(("q", query)) }
            if let pageToken { parameters.append(("pageToken", pageToken)) }
            let response = try await send(.get, "messages", query: parameters, call: "messages.list")
            let list = try decode(GmailWire.MessageList.self, response, call: "messages.list")
            ids += (list.messages ?? []).prefix(limit - ids.count).map(\.id)
            pageToken = list.nextPageToken
            if pageToken == nil { break }
        }
        return ids
    }

    /// `users.getProfile`.
    public func profile() async throws -> GmailProfile {
        let response = try await send(.get, "profile", call: "users.getProfile")
        return try decode(GmailProfile.self, response, call: "users.getProfile")
    }

    /// `users.watch`: (re)starts push notifications to `topicName` for messages with `labelIDs`.
    public func watch(topicName: String, labelIDs: [String] = ["INBOX"]) async throws -> GmailWatch {
        let body = try JSONEncoder().encode(GmailWire.WatchRequest(topicName: topicName, labelIds: labelIDs))
        let response = try await send(.post, "watch", body: body, call: "users.watch")
        let watch = try decode(GmailWire.Watch.self, response, call: "users.watch")
        guard let millis = Int64(watch.expiration) else {
            throw GmailAPIError(.malformedResponse("expiration is not epoch milliseconds"), call: "users.watch")
        }
        return GmailWatch(
            historyID: watch.historyId, expiration: Date(timeIntervalSince1970: TimeInterval(millis) / 1000))
    }
}
