import FTECore
import FTETestSupport
import Foundation
import Testing

/// ``GmailAPIClient/send(rawMessage:threadID:)`` with ``EmailComposer`` messages, against the
/// fake Gmail API over real HTTP.
@Suite(.timeLimit(.minutes(2))) struct GmailSendTests {
    static let support = EmailMailbox(name: "FTE Support", address: "support@fte.example")
    static let jane = EmailMailbox(name: "Jane Doe", address: "jane@example.com")

    /// The ``ChannelDeliveryError`` `operation` throws, or nil (recorded as an issue).
    func deliveryError(_ operation: () async throws -> some Any) async -> ChannelDeliveryError? {
        await #expect(throws: ChannelDeliveryError.self) { _ = try await operation() }
    }

    @Test func aReplyJoinsTheCustomersThreadAndTheFakeReadsItBack() async throws {
        try await GmailTestHarness.with { harness in
            let incoming = harness.gmail.addIncoming(GmailMessageFixture(
                from: "Jane Doe <jane@example.com>", subject: "Rückerstattung", body: "Where is my refund?",
                rfc822MessageID: "<q-1@mail.example.com>"))
            let reply = try EmailComposer().reply(
                from: Self.support, to: Self.jane, originalSubject: "Rückerstattung",
                originalMessageID: "<q-1@mail.example.com>", originalReferences: nil,
                body: "Hallo Jane,\nIhre Rückerstattung ist unterwegs.")
            let sent = try await harness.api.send(rawMessage: reply.raw, threadID: incoming)
            #expect(sent.threadID == incoming)
            #expect(sent.labelIDs == ["SENT"])
            let recorded = try #require(harness.gmail.sentMessages.first)
            #expect(recorded.id == sent.id)
            #expect(recorded.requestedThreadID == incoming)
            #expect(recorded.raw == reply.raw)
            #expect(recorded.email.headers.decoded("Subject") == "Re: Rückerstattung")
            #expect(recorded.email.headers["In-Reply-To"] == "<q-1@mail.example.com>")
            #expect(recorded.email.headers["Message-ID"] == reply.messageID)
            #expect(recorded.email.body == "Hallo Jane,\nIhre Rückerstattung ist unterwegs.")
            #expect(harness.gmail.callCount(.messagesSend) == 1)
        }
    }

    @Test func aReplyThatBreaksTheThreadingRulesStartsANewThread() async throws {
        try await GmailTestHarness.with { harness in
            let incoming = harness.gmail.addIncoming(from: "jane@example.com", subject: "Order 42", body: "Hi")
            let unrelated = try EmailComposer().reply(
                from: Self.support, to: Self.jane, originalSubject: "Something else",
                originalMessageID: "<\(incoming)@mail.example.com>", originalReferences: nil, body: "Hello")
            let sent = try await harness.api.send(rawMessage: unrelated.raw, threadID: incoming)
            #expect(sent.threadID != incoming)
        }
    }

    @Test func theSentCopyIsLabelledSENTAndTheIntakeSkipsIt() async throws {
        try await GmailTestHarness.with { harness in
            let start = String(harness.gmail.historyID)
            let message = try EmailComposer().newMessage(
                from: Self.support, to: Self.jane, subject: "Your request T-1042", body: "We are on it.")
            let sent = try await harness.api.send(rawMessage: message.raw, threadID: nil)
            #expect(sent.threadID == sent.id)
            #expect(try await harness.api.history(since: start).addedMessageIDs == [sent.id])
            let copy = try GmailMessage.decode(json: try await harness.api.messageJSON(id: sent.id))
            #expect(copy.labelIDs == ["SENT"])
            #expect(try copy.incomingEvent(ownAddress: "support@fte.example") == nil)
            #expect(try copy.incomingEvent(ownAddress: nil) == nil)
        }
    }

    @Test(arguments: [(429, "rateLimitExceeded"), (403, "userRateLimitExceeded"), (500, "backendError")])
    func rateLimitsAndServerErrorsAreRetryable(status: Int, reason: String) async throws {
        try await GmailTestHarness.with { harness in
            harness.gmail.failNext(status: status, reason: reason)
            let message = try EmailComposer().newMessage(from: Self.support, to: Self.jane, subject: "S", body: "B")
            let error = await deliveryError { try await harness.api.send(rawMessage: message.raw, threadID: nil) }
            #expect(error?.isRetryable == true)
            #expect(error?.reason.contains("HTTP \(status)") == true)
            #expect(harness.gmail.sentMessages.isEmpty)
        }
    }

    @Test func refusedRequestsAndUnknownThreadsAreRejected() async throws {
        try await GmailTestHarness.with { harness in
            let message = try EmailComposer().newMessage(from: Self.support, to: Self.jane, subject: "S", body: "B")
            harness.gmail.failNext(status: 400, reason: "invalidArgument")
            let invalid = await deliveryError { try await harness.api.send(rawMessage: message.raw, threadID: nil) }
            #expect(invalid == .rejected(reason: "Gmail messages.send: HTTP 400 (invalidArgument)"))
            let unknownThread = await deliveryError {
                try await harness.api.send(rawMessage: message.raw, threadID: "18f0000000000dead")
            }
            #expect(unknownThread == .rejected(reason: "Gmail messages.send: HTTP 404 (notFound)"))
            let noRecipient = await deliveryError {
                try await harness.api.send(rawMessage: "Subject: S\r\n\r\nB\r\n", threadID: nil)
            }
            #expect(noRecipient?.isRetryable == false)
            #expect(harness.gmail.sentMessages.isEmpty)
        }
    }

    @Test func aRevokedRefreshTokenIsRejectedWithoutSecrets() async throws {
        try await GmailTestHarness.with { harness in
            harness.oauth.revokeRefreshToken()
            let message = try EmailComposer().newMessage(from: Self.support, to: Self.jane, subject: "S", body: "B")
            let error = await deliveryError { try await harness.api.send(rawMessage: message.raw, threadID: nil) }
            guard case .rejected(let reason) = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("invalid_grant"))
            #expect(!reason.contains(harness.oauth.refreshToken) && !reason.contains(harness.oauth.clientSecret))
        }
    }
}
