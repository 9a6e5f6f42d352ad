import FTECore
import FTETestSupport
import Foundation
import Testing

/// ``GmailMailboxSync`` with the fake Gmail API and the PostgreSQL queue.
@Suite(.timeLimit(.minutes(3))) struct GmailMailboxSyncTests {
    private static let mailbox = "support@fte.example"

    /// Runs `body` with the fakes, a migrated scratch database, a sync and its queue publisher.
    private func withSync(
        resyncLimit: Int = 50,
        _ body: (GmailTestHarness, Database, GmailMailboxSync, PostgresEventPublisher) async throws -> Void
    ) async throws {
        try await GmailTestHarness.with { harness in
            try await withTestDatabase { db in
                try await db.withClient { database in
                    let sync = GmailMailboxSync(database: database, api: harness.api, resyncLimit: resyncLimit)
                    try await body(harness, database, sync, PostgresEventPublisher(database: database))
                }
            }
        }
    }

    private func notify(_ sync: GmailMailboxSync, _ harness: GmailTestHarness, _ publisher: any EventPublisher)
        async throws -> GmailMailboxSync.Summary {
        let json = #"{"emailAddress": "\#(Self.mailbox)", "historyId": \#(harness.gmail.historyID)}"#
        return try await sync.sync(notification: GmailPushNotification(json: Array(json.utf8)), publisher: publisher)
    }

    @Test func theFirstNotificationFetchesItsOwnMailAndNothingOlder() async throws {
        try await withSync { harness, database, sync, publisher in
            harness.gmail.addIncoming(from: "old@example.com", subject: "Old", body: "Before the watch")
            let announced = harness.gmail.addIncoming(from: "new@example.com", subject: "New", body: "The push is about me")
            let summary = try await notify(sync, harness, publisher)
            #expect(summary == .init(mode: .initialized, published: 1, skipped: 0,
                                     historyID: String(harness.gmail.historyID)))
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [announced])
            // The next push starts from the checkpoint: nothing is fetched twice.
            _ = try await notify(sync, harness, publisher)
            #expect(try await GmailTestHarness.queuedEvents(database).count == 1)
        }
    }

    @Test func aFirstNotificationGmailCannotReadFromFallsBackToTheNewestInboxMail() async throws {
        try await withSync(resyncLimit: 1) { harness, database, sync, publisher in
            let id = harness.gmail.addIncoming(from: "new@example.com", subject: "New", body: "The push is about me")
            harness.gmail.expireHistory()
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.mode == .fullResync)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [id])
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
        }
    }

    @Test func newMailBecomesOneEventEachWithTheRightFields() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            let body = "My export fails with error 42.\n\nOn Mon, 3 Mar 2025 at 10:00, FTE Support"
                + " <support@fte.example> wrote:\n> Did you try again?\n"
            let first = harness.gmail.addIncoming(GmailMessageFixture(
                from: "Jane Doe <Jane.Doe@Example.com>", subject: "Export broken", body: body,
                threadID: "thread-1", rfc822MessageID: "<jane-1@example.com>"))
            let second = harness.gmail.addIncoming(from: "omar@example.org", subject: "Login", body: "Cannot log in.")
            let summary = try await notify(sync, harness, publisher)
            #expect(summary == .init(mode: .incremental, published: 2, skipped: 0,
                                     historyID: String(harness.gmail.historyID)))
            let events = try await GmailTestHarness.queuedEvents(database)
            #expect(Set(events.map(\.channelMessageID)) == [first, second])
            #expect(events.count == 2)
            let jane = try #require(events.first { $0.channelMessageID == first })
            #expect(jane.channel == .email)
            #expect(jane.customer.email == "jane.doe@example.com")
            #expect(jane.customer.name == "Jane Doe")
            #expect(jane.subject == "Export broken")
            #expect(jane.content == "My export fails with error 42.")
            #expect(jane.threadID == "thread-1")
            #expect(jane.metadata["message_id"] == "<jane-1@example.com>")
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
        }
    }

    @Test func eachCustomersMailsAreQueuedInMailboxOrder() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            var sent: [String: [String]] = [:]
            for index in 0..<12 {
                let sender = ["ann@example.com", "bob@example.com", "cy@example.com"][index % 3]
                sent[sender, default: []].append(
                    harness.gmail.addIncoming(from: sender, subject: "Help", body: "Message \(index)."))
            }
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.published == 12)
            let queued = try await GmailTestHarness.queuedEvents(database)
            for (sender, ids) in sent {
                #expect(queued.filter { $0.customer.email == sender }.map(\.channelMessageID) == ids)
            }
        }
    }

    @Test func sentDraftAndOwnMailIsSkipped() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            harness.gmail.addIncoming(
                from: "FTE <support@fte.example>", subject: "Re: X", body: "Reply", labels: ["SENT"])
            harness.gmail.addIncoming(from: "a@example.com", subject: "Draft", body: "Draft", labels: ["DRAFT"])
            harness.gmail.addIncoming(from: "Support <SUPPORT@fte.example>", subject: "Note", body: "To self")
            let customer = harness.gmail.addIncoming(from: "c@example.com", subject: "Help", body: "Please help.")
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.published == 1)
            #expect(summary.skipped == 3)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [customer])
        }
    }

    @Test func aPublishFailureKeepsTheCheckpointAndARetryPublishes() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            let before = try await GmailTestHarness.checkpoint(database)
            let id = harness.gmail.addIncoming(from: "c@example.com", subject: "Help", body: "Please help.")
            await #expect(throws: QueueError.unavailable("broker down")) {
                try await notify(sync, harness, UnavailablePublisher())
            }
            #expect(try await GmailTestHarness.checkpoint(database) == before)
            let retry = try await notify(sync, harness, publisher)
            #expect(retry.published == 1)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [id])
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
        }
    }

    @Test func anExpiredHistoryTriggersABoundedFullResync() async throws {
        try await withSync(resyncLimit: 2) { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            let ids = (1...3).map {
                harness.gmail.addIncoming(from: "c\($0)@example.com", subject: "S", body: "Text \($0).")
            }
            harness.gmail.expireHistory()
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.mode == .fullResync)
            #expect(summary.published == 2)
            let queued = try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID)
            #expect(queued.count == 2)
            #expect(Set(queued) == [ids[2], ids[1]])
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
            #expect(harness.gmail.callCount(.getProfile) == 1)
        }
    }

    @Test func theSameNotificationAtTwoGatewaysQueuesEachMessageOnce() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            let otherGateway = GmailMailboxSync(database: database, api: harness.api)
            let start = String(harness.gmail.historyID)
            let id = harness.gmail.addIncoming(from: "c@example.com", subject: "Help", body: "Please help.")
            // Two deliveries racing, each starting from the old checkpoint as far as they know.
            async let first = sync.sync(mailbox: Self.mailbox, notifiedHistoryID: start, publisher: publisher)
            async let second = otherGateway.sync(mailbox: Self.mailbox, notifiedHistoryID: start, publisher: publisher)
            let published = try await first.published + second.published
            #expect(published == 1)
            _ = try await notify(sync, harness, publisher)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [id])
        }
    }

    @Test func aBurstOfPushesSharesSyncsAndQueuesEveryMailOnce() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            let historyCallsBefore = harness.gmail.callCount(.historyList)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 1...30 {
                    group.addTask {
                        let id = harness.gmail.addIncoming(
                            from: "c\(index)@example.com", subject: "Help", body: "Question \(index).")
                        _ = try await notify(sync, harness, publisher)
                        return id
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            let queued = try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID)
            #expect(Set(queued) == ids)
            #expect(queued.count == 30)
            // One sync per push would be 30; pushes that arrive during a sync share the next one.
            #expect(harness.gmail.callCount(.historyList) - historyCallsBefore < 15)
            #expect(harness.gmail.callCount(.messagesGet) == 30)
        }
    }

    @Test func anUnparseableMessageIsSkippedAndTheCheckpointAdvances() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await notify(sync, harness, publisher)
            harness.gmail.addIncoming(from: "no address here", subject: "Broken", body: "Text")
            let good = harness.gmail.addIncoming(from: "c@example.com", subject: "Help", body: "Please help.")
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.published == 1)
            #expect(summary.skipped == 1)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [good])
            #expect(try await GmailTestHarness.checkpoint(database) == String(harness.gmail.historyID))
        }
    }

    @Test func aRejectedTokenIsRefreshedDuringASync() async throws {
        try await withSync { harness, database, sync, publisher in
            _ = try await harness.api.profile()
            _ = try await notify(sync, harness, publisher)
            harness.gmail.revokeSeenTokens()
            let id = harness.gmail.addIncoming(from: "c@example.com", subject: "Help", body: "Please help.")
            let summary = try await notify(sync, harness, publisher)
            #expect(summary.published == 1)
            #expect(harness.oauth.tokenRequestCount == 2)
            #expect(try await GmailTestHarness.queuedEvents(database).map(\.channelMessageID) == [id])
        }
    }
}
