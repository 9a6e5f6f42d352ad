import FTECore
import FTETestSupport
import Foundation
import Testing

/// A reply written through MCP leaves like `fte ticket reply`'s: `fte work`'s outbox delivers it
/// once through the customer's channel (here WhatsApp, to Twilio's API), and a second worker
/// sends nothing more.
@Suite(.serialized, .timeLimit(.minutes(5))) struct MCPReplyDeliveryTests {
    @Test func aReplyThroughMCPIsDeliveredOnceThroughTheCustomersChannelByFteWork() async throws {
        try await withTestDatabase { db in
            // Jane wrote by WhatsApp; the worker would have stored it like this.
            let inbound = try await db.withClient { client in
                try await ConversationIntake(database: client).record(
                    IncomingEvent(
                        channel: .whatsapp, channelMessageID: "SM" + String(repeating: "7", count: 32),
                        customer: .init(phone: "+14155550123", name: "Jane"), content: "My boards do not load since this morning."),
                    sentiment: 0.4)
            }
            let message = "Sorry about that, Jane. Please update the app to 4.2, then pull down on the board list to reload it."
            let report = try await MCPClientScript.overStdio(
                [MCPClientScript.call("reply_to_ticket", ["ticket_id": .string(inbound.ticketID.lowercasedString), "message": .string(message)])],
                fteArguments: ["--allow-writes", "--by", "ana"], environment: ["FTE_DATABASE_URL": db.url])
            let reply = try #require(report.results.first)
            #expect(!reply.isToolError, "\(reply.toolText)")
            #expect(reply["structuredContent"]?["reply"]?["channel"]?.stringValue == "whatsapp")
            #expect(reply["structuredContent"]?["reply"]?["recipient"]?.stringValue == "+14155550123")

            let twilio = try await FakeTwilioServer.start()
            let environment = [
                "FTE_TWILIO_ACCOUNT_SID": twilio.accountSID, "FTE_TWILIO_AUTH_TOKEN": twilio.authToken,
                "FTE_TWILIO_WHATSAPP_FROM": twilio.whatsAppFrom, "FTE_TWILIO_API_BASE": twilio.apiBaseURL,
            ]
            let sentRows = "SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'"
            let worker = try await RunningWorker.start(databaseURL: db.url, environment: environment)
            let delivered = try await RunningWorker.waitUntil {
                try await db.withClient { try await $0.query(SQLQuery(unsafeSQL: sentRows))[0].decode("n", as: Int.self) } == 1
            }
            let log = worker.process.errorsSoFar
            try await worker.stop()
            #expect(delivered, "worker log: \(log.suffix(2_000))")
            #expect(twilio.messages.map(\.to) == ["whatsapp:+14155550123"])
            #expect(twilio.messages.first?.body == message)

            // Another worker finds nothing left to send.
            let second = try await RunningWorker.start(databaseURL: db.url, environment: environment)
            try await Task.sleep(for: .seconds(2))
            try await second.stop()
            #expect(twilio.messages.count == 1)
            let stored = try await db.withClient {
                try await $0.query(
                    """
                    SELECT m.delivery_status, m.channel_message_id, m.metadata->>'actor' AS actor, o.attempts
                    FROM messages m JOIN outbox o ON o.message_id = m.id
                    WHERE m.ticket_id = \(inbound.ticketID) AND m.direction = 'outbound'
                    """)
            }
            #expect(stored.count == 1)
            #expect(try stored.first?.decode("actor", as: String.self) == "ana")
            #expect(try stored.first?.decode("attempts", as: Int.self) == 1)
            // Twilio took it ("queued"); its status callbacks move it on from there.
            #expect(try stored.first?.decode("delivery_status", as: String.self) == "queued")
            #expect(try stored.first?.decode("channel_message_id", as: String?.self) == twilio.messages.first?.sid)
            await twilio.shutdown()
        }
    }
}
