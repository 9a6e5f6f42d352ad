import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte serve` as a process, over real HTTP on loopback with the PostgreSQL queue: what needs a
/// process — a submission end to end, kill -9 right after a 200, SIGTERM, the start-up checks,
/// Prometheus metrics, logs, a proxy's `Host` header. The request/response contract of every route
/// is tested against the router in FTEGatewayTests.
@Suite(.timeLimit(.minutes(3))) struct ServeProcessTests {
    static var validForm: [String: Any] { [
        "name": "Jane Doe", "email": "Jane.Doe@Example.com", "subject": "Cannot export my board",
        "category": "technical", "priority": "high",
        "message": "The CSV export button does nothing when I click it on the Roadmap board.",
        "phone": "+1 415 555 0100",
    ] }

    private func withGateway(
        arguments: [String] = [], environment: [String: String] = [:],
        _ body: (RunningGateway, TestDatabase) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await RunningGateway.with(databaseURL: db.url, arguments: arguments, environment: environment) {
                try await body($0, db)
            }
        }
    }

    private func queued(_ db: TestDatabase) async throws -> [IncomingEvent] {
        try await db.withClient { client in
            try await client.query("SELECT payload::text AS payload FROM event_queue ORDER BY id").map { row in
                try IncomingEvent.decode(Array((try row.decode("payload", as: String.self)).utf8))
            }
        }
    }

    @Test func aValidSubmissionIsQueuedBeforeTheAnswerAndCanBeTracked() async throws {
        try await withGateway { gateway, db in
            let reply = try await gateway.postJSON("/support/submit", Self.validForm)
            #expect(reply.status == 200, "\(reply.text)")
            let ticketID = try #require(reply.json["ticket_id"] as? String)
            #expect(reply.json["estimated_response_time"] is String)
            #expect(reply.json["message"] is String)

            let events = try await queued(db)
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.channel == .webForm)
            #expect(event.channelMessageID == ticketID)
            #expect(event.customer == .init(email: "jane.doe@example.com", phone: "+14155550100", name: "Jane Doe"))
            #expect(event.category == .technical && event.priority == .high)
            #expect(event.partitionKey == "jane.doe@example.com")

            // The worker has not stored it yet: the status view says "received", never "not found".
            let status = try await gateway.request("GET", "/support/ticket/\(ticketID)")
            #expect(status.status == 200)
            #expect(status.json["status"] as? String == "received")
            #expect(status.json["ticket_id"] as? String == ticketID)
        }
    }

    @Test func anAcknowledgedSubmissionSurvivesKill9() async throws {
        try await withTestDatabase { db in
            let gateway = try await RunningGateway.start(databaseURL: db.url)
            let reply = try await gateway.postJSON("/support/submit", Self.validForm)
            gateway.process.signal(SIGKILL)
            _ = try await gateway.process.wait()
            #expect(reply.status == 200)
            let ticketID = try #require(reply.json["ticket_id"] as? String)
            #expect(try await queued(db).map(\.channelMessageID) == [ticketID])
        }
    }

    /// A gateway queues a keyed submission and dies before answering; the client sends it again to
    /// another gateway sharing the ticket secret after the worker has stored the first: the same
    /// ticket id, so the worker drops the second event and there is one message and one ticket.
    @Test func aRetriedKeyedSubmissionIsOneTicketThroughAnotherGatewayAndTheWorker() async throws {
        try await withTestDatabase { db in
            let secret = ["FTE_TICKET_SECRET": "serve-process-tests"]
            var form = Self.validForm
            form["submission_id"] = UUID.version7().lowercasedString
            let first = try await RunningGateway.start(databaseURL: db.url, environment: secret)
            let reply = try await first.postJSON("/support/submit", form)
            first.process.signal(SIGKILL)
            _ = try await first.process.wait()
            let ticketID = try #require(reply.json["ticket_id"] as? String, "\(reply.text)")

            try await RunningGateway.with(databaseURL: db.url, arguments: ["--with-worker"], environment: secret) { gateway in
                let drained: () async throws -> Bool = { try await db.withClient { try await WorkCommandTests.count($0, "SELECT 1 FROM event_queue") } == 0 }
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(60), drained), "the first event was not processed")
                let retry = try await gateway.postJSON("/support/submit", form)
                #expect(retry.status == 200, "\(retry.text)")
                #expect(retry.json["ticket_id"] as? String == ticketID)
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(60), drained), "the retry was not processed")
                // The worker did take the retried event, found the message stored and answered, and
                // left it there.
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(10)) {
                    gateway.process.errorsSoFar.contains("redelivered message already answered; nothing to do")
                }, "\(gateway.process.errorsSoFar.suffix(2_000))")
            }
            let stored = try await db.withClient { client in
                [try await WorkCommandTests.count(client, "SELECT 1 FROM messages WHERE direction = 'inbound'"),
                 try await WorkCommandTests.count(client, "SELECT 1 FROM tickets"),
                 try await WorkCommandTests.count(client, "SELECT 1 FROM tickets WHERE id = '\(ticketID)'")]
            }
            #expect(stored == [1, 1, 1], "inbound messages, tickets, tickets with the answered id")
        }
    }

    @Test func healthReadinessMetricsAndThePageAnswer() async throws {
        try await withGateway { gateway, _ in
            let page = try await gateway.request("GET", "/")
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            for field in ["name", "email", "phone", "subject", "category", "priority", "message"] {
                #expect(page.text.contains("<label for=\"\(field)\""), "label for \(field)")
            }

            let health = try await gateway.request("GET", "/health")
            #expect(health.status == 200)
            let ready = try await gateway.request("GET", "/ready")
            #expect(ready.status == 200, "\(ready.text)")
            #expect(ready.json["checks"] as? [String: String] == ["database": "ok", "queue": "ok"])

            _ = try await gateway.postJSON("/support/submit", Self.validForm)
            let metrics = try await gateway.request("GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(
                #"hb_requests{http_route="/support/submit",http_request_method="POST",http_response_status_code="200"} 1"#))
            #expect(metrics.text.contains(#"fte_queue_publish_seconds_count{backend="postgres"} 1"#))
        }
    }

    @Test func sigtermStopsTheGatewayCleanly() async throws {
        try await withTestDatabase { db in
            let gateway = try await RunningGateway.start(databaseURL: db.url)
            #expect(try await gateway.postJSON("/support/submit", Self.validForm).status == 200)
            let result = try await gateway.stop()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("jane.doe@example.com"))
            // The start-up log names the C libraries the binary really runs with.
            #expect(result.stderr.contains("libpq \(NativeLibraries.libpq); librdkafka \(NativeLibraries.librdkafka)"))
        }
    }

    @Test func anUnmigratedDatabaseIsRefusedWithOneLine() async throws {
        try await withTestDatabase(migrated: false) { db in
            let run = try await FTEBinary.run(["serve", "--port", "0"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status == 1)
            #expect(run.stderrLines.last?.contains("run `fte migrate`") == true, "\(run.stderr)")
        }
    }

    @Test func behindAProxyTheForwardedSchemeAndHostAreSigned() async throws {
        try await withTestDatabase { db in
            let token = "twilio-auth-token-for-tests"
            try await RunningGateway.with(databaseURL: db.url, environment: ["FTE_TWILIO_AUTH_TOKEN": token]) { gateway in
                let form = [
                    FormField("MessageSid", "SM0123456789abcdef0123456789abcdef"), FormField("From", "whatsapp:+14155550100"),
                    FormField("Body", "Hi, my export is stuck"), FormField("ProfileName", "Jane"),
                ]
                let signature = TwilioSignatureValidator(authToken: token)
                    .signature(url: "https://support.example.com/webhooks/whatsapp", parameters: form)
                let reply = try await gateway.request(
                    "POST", "/webhooks/whatsapp", body: Data(FormURLEncoding.encode(form).utf8),
                    headers: ["Content-Type": FormURLEncoding.contentType, "X-Twilio-Signature": signature,
                              "X-Forwarded-Proto": "https", "Host": "support.example.com"])
                #expect(reply.status == 200, "\(reply.text)")
                #expect(try await queued(db).map(\.channelMessageID) == ["SM0123456789abcdef0123456789abcdef"])
            }
        }
    }
}
