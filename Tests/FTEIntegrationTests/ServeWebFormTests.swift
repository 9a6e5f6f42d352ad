import FTECore
import FTETesting
import Foundation
import Testing

/// `fte serve` with the PostgreSQL queue: the web form over real HTTP on loopback.
@Suite(.timeLimit(.minutes(3))) struct ServeWebFormTests {
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

    @Test func invalidFieldsAreAnswered422WithAMessagePerFieldAndNothingIsQueued() async throws {
        try await withGateway { gateway, db in
            let reply = try await gateway.postJSON(
                "/support/submit",
                ["name": "J", "email": "not-an-address", "subject": "Hey", "category": "sales", "priority": "urgent",
                 "message": "short", "phone": "12345"])
            #expect(reply.status == 422)
            let fields = try #require(reply.json["fields"] as? [String: String])
            #expect(Set(fields.keys) == ["name", "email", "subject", "category", "priority", "message", "phone"])
            #expect(fields["message"] == "must be at least 10 characters")

            let missing = try await gateway.postJSON("/support/submit", ["name": 42])
            #expect(missing.status == 422)
            let missingFields = try #require(missing.json["fields"] as? [String: String])
            #expect(missingFields["name"] == "must be text")
            #expect(missingFields["email"] == "is required")

            let tooLong = try await gateway.postJSON(
                "/support/submit", Self.validForm.merging(["message": String(repeating: "a", count: 1001)]) { $1 })
            #expect(tooLong.status == 422)
            #expect((tooLong.json["fields"] as? [String: String])?["message"] == "must be at most 1000 characters")
            #expect(try await queued(db).isEmpty)
        }
    }

    @Test func malformedAndOversizedBodiesAreRefused() async throws {
        try await withGateway(environment: ["FTE_MAX_BODY_BYTES": "2048"]) { gateway, db in
            let malformed = try await gateway.request(
                "POST", "/support/submit", body: Data("{not json".utf8), headers: ["Content-Type": "application/json"])
            #expect(malformed.status == 400)
            #expect(malformed.json["error"] is String)

            let huge = try await gateway.postJSON("/support/submit", ["message": String(repeating: "x", count: 4096)])
            #expect(huge.status == 413)
            #expect(try await queued(db).isEmpty)
        }
    }

    @Test func theHoneypotAnswersAsUsualButQueuesNothing() async throws {
        try await withGateway { gateway, db in
            let reply = try await gateway.postJSON("/support/submit", Self.validForm.merging(["website": "http://spam.example"]) { $1 })
            #expect(reply.status == 200)
            #expect(try await queued(db).isEmpty)
        }
    }

    @Test func submissionsBeyondThePerClientLimitGet429WithRetryAfter() async throws {
        try await withGateway(arguments: ["--submissions-per-minute", "2"]) { gateway, db in
            for _ in 0..<2 {
                #expect(try await gateway.postJSON("/support/submit", Self.validForm).status == 200)
            }
            let limited = try await gateway.postJSON("/support/submit", Self.validForm)
            #expect(limited.status == 429)
            let wait = try #require(limited.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(try await queued(db).count == 2)
        }
    }

    @Test func behindAProxyTheLimitCountsTheAddressTheProxyAppendedNotWhatTheClientWrote() async throws {
        try await withGateway(arguments: ["--submissions-per-minute", "1"], environment: ["FTE_TRUST_FORWARDED_FOR": "true"]) { gateway, db in
            // The client writes any X-Forwarded-For it likes; the ingress appends the address it saw.
            let first = try await gateway.postJSON("/support/submit", Self.validForm, headers: ["X-Forwarded-For": "10.9.9.1, 203.0.113.7"])
            #expect(first.status == 200)
            let spoofed = try await gateway.postJSON("/support/submit", Self.validForm, headers: ["X-Forwarded-For": "10.9.9.2, 203.0.113.7"])
            #expect(spoofed.status == 429, "a new left-most entry is not a new client")
            let other = try await gateway.postJSON("/support/submit", Self.validForm, headers: ["X-Forwarded-For": "198.51.100.4"])
            #expect(other.status == 200)
            #expect(try await queued(db).count == 2)
        }
        // Two proxies (a CDN, then the ingress): the client is the second entry from the right.
        try await withGateway(arguments: ["--submissions-per-minute", "1", "--trusted-proxies", "2"], environment: ["FTE_TRUST_FORWARDED_FOR": "true"]) { (gateway, _) async throws in
            #expect(try await gateway.postJSON("/support/submit", Self.validForm, headers: ["X-Forwarded-For": "1.1.1.1, 203.0.113.7, 192.0.2.10"]).status == 200)
            #expect(try await gateway.postJSON("/support/submit", Self.validForm, headers: ["X-Forwarded-For": "2.2.2.2, 203.0.113.7, 192.0.2.11"]).status == 429)
        }
    }

    @Test func namesAndSubjectsMadeOfInvisibleCharactersAre422() async throws {
        try await withGateway { gateway, db in
            var form = Self.validForm
            form["name"] = "\u{200B}\u{202E}\u{2066}\u{FEFF}"
            form["subject"] = "\u{200D}\u{200D}\u{200D}\u{200D}\u{200D}\u{200D}"
            let reply = try await gateway.postJSON("/support/submit", form)
            #expect(reply.status == 422)
            let fields = try #require(reply.json["fields"] as? [String: String])
            #expect(fields == ["name": "must contain visible characters", "subject": "must contain visible characters"])
            #expect(try await queued(db).isEmpty)
        }
    }

    @Test func unknownAndForgedTicketIDsAre404() async throws {
        try await withGateway { gateway, _ in
            let foreign = TicketIDIssuer(secret: "someone else").issue()
            // Random ids, garbage, and an id issued by another secret are not ours.
            for id in [UUID().uuidString, "not-a-ticket", foreign.uuidString] {
                let reply = try await gateway.request("GET", "/support/ticket/\(id)")
                #expect(reply.status == 404, "\(id)")
            }
        }
    }

    @Test func whenTheQueueCannotCommitTheFormGets503WithRetryAfterAndNoTicket() async throws {
        try await withGateway(environment: ["FTE_DATABASE_STATEMENT_TIMEOUT": "1"]) { gateway, db in
            try await db.withClient { blocker in
                try await blocker.withTransaction { connection in
                    try await connection.execute("LOCK TABLE event_queue IN ACCESS EXCLUSIVE MODE")
                    let reply = try await gateway.postJSON("/support/submit", Self.validForm)
                    #expect(reply.status == 503)
                    #expect(reply.header("Retry-After") != nil)
                    #expect(reply.json["ticket_id"] == nil)
                    let ready = try await gateway.request("GET", "/ready")
                    #expect(ready.status == 503)
                }
            }
            #expect(try await queued(db).isEmpty)
            #expect(try await gateway.postJSON("/support/submit", Self.validForm).status == 200)
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
        }
    }

    @Test func anUnmigratedDatabaseIsRefusedWithOneLine() async throws {
        try await withTestDatabase(migrated: false) { db in
            let run = try await FTEBinary.run(["serve", "--port", "0"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(run.status == 1)
            #expect(run.stderrLines.last?.contains("run `fte migrate`") == true, "\(run.stderr)")
        }
    }
}
