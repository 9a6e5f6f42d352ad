import FTECore
import FTETestSupport
import Foundation
import Testing

/// ``GmailAPIClient`` against the fake Gmail API over real HTTP.
@Suite(.timeLimit(.minutes(2))) struct GmailAPIClientTests {
    @Test func historyReadsEveryPageAndDeduplicatesAddedMessages() async throws {
        try await GmailTestHarness.with(historyPageSize: 2) { harness in
            let start = String(harness.gmail.historyID)
            let ids = (1...5).map {
                harness.gmail.addIncoming(from: "c\($0)@example.com", subject: "S\($0)", body: "B")
            }
            let history = try await harness.api.history(since: start)
            #expect(history.addedMessageIDs == ids)
            #expect(history.historyID == String(harness.gmail.historyID))
            #expect(harness.gmail.callCount(.historyList) == 3)
        }
    }

    @Test func anExpiredStartHistoryIDIsHistoryExpired() async throws {
        try await GmailTestHarness.with { harness in
            let old = String(harness.gmail.historyID)
            harness.gmail.addIncoming(from: "a@example.com", subject: "S", body: "B")
            harness.gmail.expireHistory()
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.history(since: old) }
            #expect(error?.reason == .historyExpired)
            #expect(error?.isRetriable == false)
        }
    }

    @Test func a401RefreshesTheTokenAndRetriesOnce() async throws {
        try await GmailTestHarness.with { harness in
            _ = try await harness.api.profile()
            #expect(harness.oauth.tokenRequestCount == 1)
            harness.gmail.revokeSeenTokens()
            let profile = try await harness.api.profile()
            #expect(profile.emailAddress == "support@fte.example")
            #expect(harness.oauth.tokenRequestCount == 2)
            #expect(harness.gmail.unauthorizedCount == 1)
        }
    }

    @Test func aTokenRefusedTwiceIsUnauthorizedWithoutTheToken() async throws {
        try await GmailTestHarness.with(acceptsToken: { _ in false }) { harness in
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.profile() }
            #expect(error?.reason == .unauthorized)
            #expect(harness.gmail.unauthorizedCount == 2)
            #expect(harness.oauth.tokenRequestCount == 2)
            #expect(error.map { !"\($0)".contains("ya29") } == true)
        }
    }

    @Test(arguments: [(429, "rateLimitExceeded"), (403, "userRateLimitExceeded")])
    func rateLimitsAreRetriable(status: Int, reason: String) async throws {
        try await GmailTestHarness.with { harness in
            harness.gmail.failNext(status: status, reason: reason)
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.profile() }
            #expect(error?.reason == .rateLimited(status: status))
            #expect(error?.isRetriable == true)
        }
    }

    @Test func otherErrorsCarryStatusAndReason() async throws {
        try await GmailTestHarness.with { harness in
            harness.gmail.failNext(status: 403, reason: "insufficientPermissions")
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.profile() }
            #expect(error?.reason == .failed(status: 403, reason: "insufficientPermissions"))
            #expect(error?.isRetriable == false)
        }
    }

    @Test func messageJSONDecodesAsAGmailMessageAndAMissingOneIsNotFound() async throws {
        try await GmailTestHarness.with { harness in
            let id = harness.gmail.addIncoming(from: "Jane <jane@example.com>", subject: "Hello", body: "Hi there")
            let message = try GmailMessage.decode(json: try await harness.api.messageJSON(id: id))
            #expect(message.id == id)
            #expect(message.labelIDs.contains("INBOX"))
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.messageJSON(id: "nope") }
            #expect(error?.reason == .messageNotFound(id: "nope"))
        }
    }

    @Test func recentMessageIDsAreNewestFirstInboxOnlyAndBounded() async throws {
        try await GmailTestHarness.with { harness in
            let inbox = (1...4).map { harness.gmail.addIncoming(from: "c\($0)@example.com", subject: "S", body: "B") }
            harness.gmail.addIncoming(from: "support@fte.example", subject: "Re: S", body: "B", labels: ["SENT"])
            let ids = try await harness.api.recentMessageIDs(labelIDs: ["INBOX"], limit: 3)
            #expect(ids == Array(inbox.reversed().prefix(3)))
        }
    }

    @Test func watchReturnsHistoryIDAndExpiration() async throws {
        try await GmailTestHarness.with { harness in
            let watch = try await harness.api.watch(topicName: "projects/fte/topics/gmail")
            #expect(watch.historyID == String(harness.gmail.historyID))
            #expect(abs(watch.expiration.timeIntervalSinceNow - 7 * 86_400) < 60)
            #expect(harness.gmail.watchedTopic == "projects/fte/topics/gmail")
            let error = await #expect(throws: GmailAPIError.self) { try await harness.api.watch(topicName: "gmail") }
            #expect(error?.reason == .failed(status: 400, reason: "invalidArgument"))
        }
    }
}
