import Foundation
import Logging

/// Turns Gmail push notifications into queue events: reads what was added to the mailbox since
/// its stored history id, publishes one ``IncomingEvent`` per customer e-mail, and only then
/// advances the stored history id.
///
/// Syncs of one mailbox are serialised by a PostgreSQL advisory lock held for the whole sync, so
/// concurrent notifications — from this process or another gateway — never move the checkpoint
/// past messages that were not published. Within one process, notifications that arrive while a
/// sync runs share the one sync that starts after it ends, so a burst of pushes costs two syncs,
/// not one each. Delivery is at-least-once: the queue drops a message id it already holds.
public struct GmailMailboxSync: Sendable {
    /// How a sync went.
    public struct Summary: Sendable, Equatable {
        /// Which path the sync took.
        public enum Mode: Sendable, Equatable {
            /// No checkpoint yet: the mail of the push that started the sync was fetched (nothing
            /// older), and the checkpoint stored.
            case initialized
            /// The history since the checkpoint was read.
            case incremental
            /// The checkpoint had expired: the newest inbox messages were read instead.
            case fullResync
        }

        /// Which path the sync took.
        public var mode: Mode
        /// Events published.
        public var published: Int
        /// Messages that are ours (sent, drafts), gone, or not usable as an event.
        public var skipped: Int
        /// The checkpoint after the sync.
        public var historyID: String

        /// A summary with the given parts.
        public init(mode: Mode, published: Int, skipped: Int, historyID: String) {
            self.mode = mode
            self.published = published
            self.skipped = skipped
            self.historyID = historyID
        }
    }

    private let database: Database
    private let api: GmailAPIClient
    private let resyncLimit: Int
    private let fetchConcurrency: Int
    private let logger: Logger
    private let runs = CoalescedRuns<String, Summary>()

    /// A sync that keeps checkpoints in `database` and reads mail through `api`.
    /// - Parameters:
    ///   - resyncLimit: how many of the newest inbox messages a full resync publishes.
    ///   - fetchConcurrency: how many `messages.get` calls one sync makes at a time.
    public init(database: Database, api: GmailAPIClient, resyncLimit: Int = 50, fetchConcurrency: Int = 8,
                logger: Logger = Logger(label: "fte.gmail.sync")) {
        self.database = database
        self.api = api
        self.resyncLimit = max(1, resyncLimit)
        self.fetchConcurrency = max(1, fetchConcurrency)
        self.logger = logger
    }

    /// Syncs the mailbox a push notification is about (the gateway's `/webhooks/gmail`).
    /// - Throws: as ``sync(mailbox:notifiedHistoryID:publisher:)``; the push must then be
    ///   answered with a non-2xx status so that Pub/Sub redelivers it.
    @discardableResult
    public func sync(notification: GmailPushNotification, publisher: any EventPublisher) async throws -> Summary {
        try await sync(mailbox: notification.emailAddress, notifiedHistoryID: notification.historyID,
                       publisher: publisher)
    }

    /// Publishes the customer e-mails added to `mailbox` since its checkpoint, then advances it.
    ///
    /// Without a checkpoint, publishes the mail the push announces — the history just before
    /// `notifiedHistoryID`, which is the mailbox's history id after that mail arrived — and
    /// stores the checkpoint; without a notified id it stores the profile's and fetches nothing.
    /// When the checkpoint has expired (or Gmail refuses the id before the push's), publishes the
    /// newest inbox messages and restarts from the profile's history id. Messages that cannot
    /// become events are logged and skipped.
    ///
    /// Returns once a sync that started after this call has ended; callers that arrive together
    /// share it (and its summary), run with the first one's `notifiedHistoryID` and `publisher`.
    /// - Throws: ``GmailAPIError``, ``HTTPClientError``, ``GoogleOAuthError``, ``DatabaseError``,
    ///   or the publisher's `QueueError`; the checkpoint is then unchanged.
    @discardableResult
    public func sync(mailbox: String, notifiedHistoryID: String?, publisher: any EventPublisher) async throws
        -> Summary {
        let mailbox = ContactAddress.normalizedEmail(mailbox) ?? mailbox.lowercased()
        return try await runs.run(mailbox) {
            try await syncNow(mailbox: mailbox, notifiedHistoryID: notifiedHistoryID, publisher: publisher)
        }
    }

    private func syncNow(mailbox: String, notifiedHistoryID: String?, publisher: any EventPublisher) async throws
        -> Summary {
        try await database.withTransaction { connection in
            try await GmailSyncCheckpoint.lock(mailbox, on: connection)
            let checkpoint = try await GmailSyncCheckpoint.historyID(of: mailbox, on: connection)
            guard let start = checkpoint ?? notifiedHistoryID.flatMap(Self.historyIDBefore) else {
                let current = try await api.profile().historyID
                try await GmailSyncCheckpoint.advance(mailbox, to: current, on: connection)
                logger.info("gmail checkpoint initialised", metadata: ["history_id": "\(current)"])
                return Summary(mode: .initialized, published: 0, skipped: 0, historyID: current)
            }
            var summary: Summary
            do {
                let history = try await api.history(since: start)
                summary = try await publish(history.addedMessageIDs, mailbox: mailbox, publisher: publisher)
                summary.historyID = history.historyID
                if checkpoint == nil {
                    summary.mode = .initialized
                    logger.info("gmail checkpoint initialised with the push's mail", metadata: ["history_id": "\(history.historyID)"])
                }
            } catch let error as GmailAPIError where error.reason == .historyExpired {
                logger.warning("gmail history expired; resyncing the newest inbox messages",
                               metadata: ["history_id": "\(start)"])
                // The profile's history id is read first, so mail that arrives meanwhile is
                // found by the next incremental sync.
                let profile = try await api.profile()
                let recent = try await api.recentMessageIDs(labelIDs: ["INBOX"], limit: resyncLimit)
                summary = try await publish(recent, mailbox: mailbox, publisher: publisher)
                summary.mode = .fullResync
                summary.historyID = profile.historyID
            }
            try await GmailSyncCheckpoint.advance(mailbox, to: summary.historyID, on: connection)
            return summary
        }
    }

    /// The history id just before `notified` (a push's id is the mailbox's after its change,
    /// and `history.list` returns what came after its start); `nil` when it is not a number.
    static func historyIDBefore(_ notified: String) -> String? {
        guard let value = UInt64(notified), value > 0 else { return nil }
        return String(value - 1)
    }

    /// Fetches the messages (several at a time), then publishes them: one customer's mails one
    /// after another in mailbox order, different customers' at once. A publish failure stops
    /// here (rethrown).
    private func publish(_ ids: [String], mailbox: String, publisher: any EventPublisher) async throws -> Summary {
        let events = try await ids.concurrentMap(limit: fetchConcurrency) { id in
            try await event(for: id, mailbox: mailbox)
        }
        let usable = events.compactMap { $0 }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for mails in Dictionary(grouping: usable, by: \.partitionKey).values {
                group.addTask {
                    for event in mails { try await publisher.publish(event) }
                }
            }
            try await group.waitForAll()
        }
        return Summary(mode: .incremental, published: usable.count, skipped: events.count - usable.count, historyID: "")
    }

    /// The event for message `id`, or nil when it is ours, gone, or not a usable e-mail.
    private func event(for id: String, mailbox: String) async throws -> IncomingEvent? {
        do {
            let message = try GmailMessage.decode(json: try await api.messageJSON(id: id))
            return try message.incomingEvent(ownAddress: mailbox)
        } catch let error as GmailAPIError where error.reason == .messageNotFound(id: id) {
            logger.info("gmail message deleted before it was read; skipped", metadata: ["message_id": "\(id)"])
        } catch let error as GmailMessageError {
            logger.warning("gmail message skipped", metadata: [
                "message_id": "\(id)", "code": "\(error.code)", "error": "\(error.message)",
            ])
        }
        return nil
    }
}
