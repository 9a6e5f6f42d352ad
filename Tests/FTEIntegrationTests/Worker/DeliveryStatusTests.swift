import FTECore
import FTETestSupport
import Foundation
import Logging
import Testing

/// Status callbacks against replies the outbox really sent (fake Twilio, real database): the
/// status only moves forward whatever order the callbacks arrive in, a failure reported after
/// `sent` escalates the ticket once, and a callback that beats the outbox to recording the SID
/// is applied when the SID is recorded. (The callbacks' wire format and signature are checked
/// against the gateway's router in `WhatsAppRouteTests`.)
@Suite(.timeLimit(.minutes(2))) struct DeliveryStatusTests {
    typealias Helpers = OutboxReconciliationTests

    struct Stored {
        var status: String
        var escalations: [String]
        var kept: Int
    }

    static func stored(_ client: Database) async throws -> Stored {
        let row = try await client.query(
            """
            SELECT m.delivery_status,
                   (SELECT coalesce(string_agg(e.reason, ','), '') FROM escalations e) AS escalations,
                   (SELECT count(*)::int FROM early_delivery_reports) AS kept
            FROM outbox o JOIN messages m ON m.id = o.message_id
            """)[0]
        let escalations: String = try row.decode("escalations")
        return Stored(
            status: try row.decode("delivery_status"), escalations: escalations.split(separator: ",").map(String.init),
            kept: try row.decode("kept"))
    }

    /// A reply sent through the fake Twilio by the outbox; returns its SID.
    func sentReply(_ client: Database, _ dispatcher: OutboxDispatcher, parts: [String] = ["Your order has shipped."])
        async throws -> [String] {
        try await Helpers.whatsAppReply(client, parts: parts)
        #expect(try await dispatcher.dispatchDue() == 1)
        return try await Helpers.row(client).providerIDs
    }

    @Test func outOfOrderCallbacksMoveTheStatusOnlyForward() async throws {
        try await Helpers().withTwilio { client, _, _, dispatcher in
            let sid = try await sentReply(client, dispatcher)[0]
            let statuses = DeliveryStatusStore(database: client)
            #expect(try await Self.stored(client).status == "queued")
            #expect(try await statuses.apply(TwilioStatusCallback(messageSID: sid, status: .delivered)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .sent)), "a late sent")
            #expect(try await Self.stored(client).status == "delivered")
            #expect(try await statuses.apply(TwilioStatusCallback(messageSID: sid, status: .read)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .delivered)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .queued)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .undelivered, errorCode: 30008)))
            let stored = try await Self.stored(client)
            #expect(stored.status == "read")
            #expect(stored.escalations.isEmpty, "a failure after delivery is a regression, not a failure")
        }
    }

    @Test func aFailureReportedAfterSentEscalatesTheTicketOnce() async throws {
        try await Helpers().withTwilio { client, _, _, dispatcher in
            let sid = try await sentReply(client, dispatcher)[0]
            let statuses = DeliveryStatusStore(database: client)
            #expect(try await statuses.apply(TwilioStatusCallback(messageSID: sid, status: .sent)))
            #expect(try await statuses.apply(
                TwilioStatusCallback(messageSID: sid, status: .undelivered, errorCode: 63024, errorMessage: "Invalid recipient")))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .failed, errorCode: 63024)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sid, status: .sent)))
            let stored = try await Self.stored(client)
            #expect(stored.status == "undelivered")
            #expect(stored.escalations == ["delivery_failed"])
            let summary = try await client.query("SELECT summary FROM escalations")[0].decode("summary", as: String.self)
            #expect(summary.contains("undelivered") && summary.contains("63024"))
            #expect(try await client.query("SELECT status FROM tickets")[0].decode("status", as: String.self) == "escalated")
        }
    }

    @Test func aCallbackThatArrivesBeforeTheOutboxRecordedTheSIDIsAppliedWhenItIs() async throws {
        try await Helpers().withTwilio { client, fake, twilio, dispatcher in
            try await Helpers.whatsAppReply(client, parts: ["Your order has shipped."])
            // Twilio took the message and reported it delivered; the worker was killed before
            // recording the SID.
            let accepted = try await twilio.send(to: Helpers.customer, body: "Your order has shipped.")
            let statuses = DeliveryStatusStore(database: client)
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: accepted.sid, status: .sent)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: accepted.sid, status: .delivered)))
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: accepted.sid, status: .sent)), "late, and kept no further")
            #expect(try await Self.stored(client).kept == 1)
            try await Helpers.interruptMidSend(client)

            #expect(try await dispatcher.dispatchDue() == 1)
            #expect(fake.messages.count == 1)
            let stored = try await Self.stored(client)
            #expect(stored.status == "delivered", "the early report is not lost")
            #expect(stored.kept == 0)
        }
    }

    @Test func aCallbackForALaterPartChangesNothingAndIsNotKept() async throws {
        try await Helpers().withTwilio { client, _, _, dispatcher in
            let sids = try await sentReply(client, dispatcher, parts: ["First part.", "Second part."])
            #expect(sids.count == 2)
            let statuses = DeliveryStatusStore(database: client)
            #expect(try await !statuses.apply(TwilioStatusCallback(messageSID: sids[1], status: .delivered)))
            let stored = try await Self.stored(client)
            #expect(stored.status == "queued", "the message's status follows its first part")
            #expect(stored.kept == 0)
        }
    }
}
