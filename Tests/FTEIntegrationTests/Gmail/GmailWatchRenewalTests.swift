@testable import FTECore
import FTETestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// ``GmailWatchRenewal`` against the fake Gmail API and a scratch database.
@Suite(.timeLimit(.minutes(2))) struct GmailWatchRenewalTests {
    private static let topic = "projects/fte/topics/gmail"

    private func storedExpiration(_ database: Database) async throws -> Date? {
        let rows = try await database.query(
            "SELECT watch_expires_at FROM gmail_sync WHERE mailbox = 'support@fte.example'")
        return try rows.first?.decode("watch_expires_at", as: Date?.self)
    }

    @Test func renewStoresTheExpirationAndSeedsTheCheckpoint() async throws {
        try await GmailTestHarness.with { harness in
            try await withTestDatabase { db in
                try await db.withClient { database in
                    let renewal = GmailWatchRenewal(
                        mailbox: "Support@FTE.example", topicName: Self.topic, api: harness.api, database: database)
                    let watch = try await renewal.renew()
                    let stored = try #require(try await storedExpiration(database))
                    #expect(abs(stored.timeIntervalSince(watch.expiration)) < 0.01)
                    #expect(try await GmailTestHarness.checkpoint(database) == watch.historyID)
                    harness.gmail.addIncoming(from: "c@example.com", subject: "S", body: "B")
                    try await renewal.renew()
                    // An existing checkpoint is never moved by a watch: only a sync advances it.
                    #expect(try await GmailTestHarness.checkpoint(database) == watch.historyID)
                }
            }
        }
    }

    @Test func theServiceRenewsAtStartRetriesFailuresAndStopsOnShutdown() async throws {
        try await GmailTestHarness.with { harness in
            try await withTestDatabase { db in
                try await db.withClient { database in
                    harness.gmail.failNext(status: 503, reason: "backendError")
                    let renewal = GmailWatchRenewal(
                        mailbox: "support@fte.example", topicName: Self.topic, api: harness.api, database: database,
                        schedule: .init(initialBackoff: .milliseconds(50)))
                    let group = ServiceGroup(configuration: .init(services: [renewal], logger: Logger(label: "test")))
                    let running = Task { try await group.run() }
                    var stored: Date?
                    for _ in 0..<100 where stored == nil {
                        try await Task.sleep(for: .milliseconds(50))
                        stored = try await storedExpiration(database)
                    }
                    #expect(stored != nil)
                    #expect(harness.gmail.callCount(.watch) == 2)
                    await group.triggerGracefulShutdown()
                    try await running.value
                }
            }
        }
    }

    @Test func theNextRenewalComesBeforeTheMarginOrAfterTheInterval() async throws {
        try await GmailTestHarness.with { harness in
            // The database is never reached: `delay` only reads the schedule.
            let database = Database(configuration: try DatabaseConfiguration(url: TestDatabase.serverURL))
            let renewal = GmailWatchRenewal(
                mailbox: "support@fte.example", topicName: Self.topic, api: harness.api, database: database)
            let now = Date()
            #expect(renewal.delay(until: now.addingTimeInterval(7 * 86_400), now: now) == .seconds(86_400))
            #expect(renewal.delay(until: now.addingTimeInterval(5_400), now: now) == .seconds(1_800))
            #expect(renewal.delay(until: now.addingTimeInterval(60), now: now) == .seconds(5))
            await database.close()
        }
    }
}
