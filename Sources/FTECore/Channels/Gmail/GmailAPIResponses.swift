import Foundation

/// One page of `users.history.list` (history types `messageAdded` only).
public struct GmailHistoryPage: Sendable, Equatable {
    /// Ids of the messages added in this page's records, in record order (may repeat).
    public var addedMessageIDs: [String]
    /// The mailbox's current history id.
    public var historyID: String
    /// The token of the next page, or nil on the last one.
    public var nextPageToken: String?
}

/// The changes since a history id, all pages read.
public struct GmailHistory: Sendable, Equatable {
    /// Ids of added messages, first occurrence kept, in history order.
    public var addedMessageIDs: [String]
    /// The mailbox's history id as of the last page: where the next sync starts.
    public var historyID: String
}

/// `users.getProfile`: the mailbox's address and current history id.
public struct GmailProfile: Sendable, Equatable, Decodable {
    /// The mailbox address.
    public var emailAddress: String
    /// The current history id.
    public var historyID: String

    enum CodingKeys: String, CodingKey { case emailAddress, historyID = "historyId" }
}

/// `users.watch`: the history id at the time of the call and when the watch ends.
public struct GmailWatch: Sendable, Equatable {
    /// The mailbox's history id when the watch was (re)started.
    public var historyID: String
    /// When Gmail stops publishing unless the watch is renewed.
    public var expiration: Date
}

/// Wire shapes of the Gmail API responses, as documented.
enum GmailWire {
    struct HistoryList: Decodable {
        struct Record: Decodable {
            struct Added: Decodable { var message: MessageReference }
            var messagesAdded: [Added]?
        }
        var history: [Record]?
        var historyId: String
        var nextPageToken: String?
    }

    struct MessageReference: Decodable {
        var id: String
        var threadId: String?
    }

    struct MessageList: Decodable {
        var messages: [MessageReference]?
        var nextPageToken: String?
    }

    struct Watch: Decodable {
        var historyId: String
        var expiration: String
    }

    struct SendRequest: Encodable {
        var raw: String
        var threadId: String?
    }

    struct WatchRequest: Encodable {
        var topicName: String
        var labelIds: [String]
        var labelFilterBehavior = "INCLUDE"
    }

    /// Google's error body: `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            struct Item: Decodable { var reason: String? }
            var status: String?
            var errors: [Item]?
        }
        var error: Detail
    }
}
