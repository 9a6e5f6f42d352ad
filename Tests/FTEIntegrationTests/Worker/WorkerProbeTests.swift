import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte work --port`: `/health`, `/ready` and `/metrics` of the real binary, on loopback.
@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkerProbeTests {
    /// A worker with its probes on a free port, measuring its gauges every second.
    static func startWorker(_ db: TestDatabase, environment: [String: String] = [:]) async throws -> RunningWorker {
        try await RunningWorker.start(databaseURL: db.url, environment: [
            "FTE_WORKER_PORT": String(LoopbackPort.unused()), "FTE_WORKER_SAMPLE_SECONDS": "1",
        ].merging(environment) { $1 })
    }

    static func webMessage(_ content: String) -> IncomingEvent {
        IncomingEvent(
            channel: .webForm, channelMessageID: UUID().uuidString.lowercased(),
            customer: .init(email: "probe-\(UUID().uuidString.prefix(8))@example.com"), subject: "A question", content: content)
    }

    @Test func healthReadyAndMetricsAnswerAndCountersMoveAsMessagesAreHandled() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let llm = try await ScriptedLLMServer.start { _ in
                    .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thanks, noted: the new layout is saved."}"#)])
                }
                let worker = try await Self.startWorker(db, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                ])
                let health = try await worker.probe("/health")
                #expect(health.status == 200)
                #expect(health.json["status"] as? String == "ok", "\(health.text)")
                let ready = try await worker.probe("/ready")
                #expect(ready.status == 200, "\(ready.text)")
                #expect((ready.json["checks"] as? [String: String])?["queue"] == "ok")

                let before = try await worker.probe("/metrics")
                #expect(before.status == 200)
                #expect(before.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
                let answered = ["channel": "web_form", "outcome": "answered", "reason": ""]
                let legal = ["channel": "web_form", "outcome": "escalated", "reason": "legal_matter"]
                #expect(PrometheusSample.value(of: "fte_worker_messages_total", answered, in: before.text) == nil)

                let publisher = PostgresEventPublisher(database: client)
                try await publisher.publish(Self.webMessage("Just letting you know the new board layout works well."))
                try await publisher.publish(Self.webMessage("My lawyer will be in touch: we will sue over the lost data."))
                try await publisher.publish(Self.webMessage("Another note: the export to CSV worked fine for us."))
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(30)) {
                    try await WorkCommandTests.count(client, "SELECT 1 FROM messages WHERE direction = 'outbound'") == 3
                })
                // Gauges are measured every second; wait for one measurement after the queue emptied.
                var text = ""
                let settled = try await RunningWorker.waitUntil(timeout: .seconds(15)) {
                    text = try await worker.probe("/metrics").text
                    return PrometheusSample.value(of: "fte_queue_depth", ["backend": "postgres"], in: text) == 0
                        && PrometheusSample.value(of: "fte_worker_messages_total", answered, in: text) == 2
                }
                #expect(settled, "metrics:\n\(text)")
                #expect(PrometheusSample.value(of: "fte_worker_messages_total", answered, in: text) == 2)
                #expect(PrometheusSample.value(of: "fte_worker_messages_total", legal, in: text) == 1)
                #expect(PrometheusSample.value(of: "fte_worker_processing_seconds_count", ["channel": "web_form"], in: text) == 3)
                // The model answered two; the legal message was escalated by rule before it.
                #expect(PrometheusSample.value(of: "fte_llm_requests_total", ["outcome": "ok"], in: text) == 2)
                #expect(PrometheusSample.value(of: "fte_llm_request_seconds_count", [:], in: text) == 2)
                #expect((PrometheusSample.value(of: "fte_llm_tokens_total", [:], in: text) ?? 0) > 0)
                #expect(PrometheusSample.value(of: "fte_queue_oldest_event_age_seconds", ["backend": "postgres"], in: text) == 0)
                // Web replies without Gmail are delivered by storing them: nothing waits in the outbox.
                #expect(PrometheusSample.value(of: "fte_outbox_pending", ["provider": "web"], in: text) == 0)
                #expect(PrometheusSample.value(of: "fte_outbox_circuit_state", ["provider": "web"], in: text) == 0)
                try await worker.stop()
                await llm.shutdown()
            }
        }
    }

    @Test func readyFailsWhileTheDatabaseIsGoneAndRecovers() async throws {
        try await withTestDatabase { db in
            let worker = try await Self.startWorker(db)
            #expect(try await worker.probe("/ready").status == 200)
            let admin = Database(configuration: try DatabaseConfiguration(url: TestDatabase.serverURL, maxConnections: 1))
            try await admin.execute(SQLQuery(unsafeSQL: "ALTER DATABASE \(db.name) ALLOW_CONNECTIONS false"))
            try await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(db.name) AND pid <> pg_backend_pid()")
            var gone = try await worker.probe("/ready")
            let failed = try await RunningWorker.waitUntil(timeout: .seconds(20)) {
                gone = try await worker.probe("/ready")
                return gone.status == 503
            }
            #expect(failed, "\(gone.text)")
            let checks = gone.json["checks"] as? [String: String]
            #expect(checks?["database"] != "ok")
            #expect(gone.json["status"] as? String == "not ready")
            #expect(!gone.text.contains("postgres://"), "no database URL in the answer: \(gone.text)")
            // Liveness does not depend on the database: a restart would not bring it back.
            #expect(try await worker.probe("/health").status == 200)

            try await admin.execute(SQLQuery(unsafeSQL: "ALTER DATABASE \(db.name) ALLOW_CONNECTIONS true"))
            await admin.close()
            #expect(try await RunningWorker.waitUntil(timeout: .seconds(30)) { try await worker.probe("/ready").status == 200 })
            try await worker.stop()
        }
    }

    @Test func readyIsFalseWhileDrainingAfterSIGTERM() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                // A slow model keeps a message in flight while the worker drains.
                let llm = try await ScriptedLLMServer.start { _ in
                    .delayed(.seconds(10), .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thanks, noted."}"#)]))
                }
                let worker = try await Self.startWorker(db, environment: [
                    "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
                ])
                try await PostgresEventPublisher(database: client).publish(
                    Self.webMessage("Just letting you know the new board layout works well."))
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(10)) {
                    try await WorkCommandTests.count(client, "SELECT 1 FROM messages WHERE direction = 'inbound'") == 1
                })
                worker.process.signal(SIGTERM)
                var draining = try await worker.probe("/ready")
                // Well inside the model's 10 s, so the worker is still draining on a loaded machine.
                #expect(try await RunningWorker.waitUntil(timeout: .seconds(5)) {
                    draining = try await worker.probe("/ready")
                    return draining.status == 503
                })
                #expect((draining.json["checks"] as? [String: String])?["draining"]?.contains("SIGTERM") == true, "\(draining.text)")
                let health = try await worker.probe("/health")
                #expect(health.status == 200, "a draining worker is alive: \(health.text)")
                let result = try await worker.process.wait()
                #expect(result.status == 0)
                #expect(try await WorkCommandTests.count(client, "SELECT 1 FROM messages WHERE direction = 'outbound'") == 1)
                await llm.shutdown()
            }
        }
    }

    @Test func serveWithWorkerExportsTheWorkerMetricsBesideTheGateways() async throws {
        try await withTestDatabase { db in
            try await RunningGateway.with(databaseURL: db.url, arguments: ["--with-worker"]) { gateway in
                let submitted = try await gateway.postJSON("/support/submit", ServeProcessTests.validForm)
                #expect(submitted.status == 200, "\(submitted.text)")
                var text = ""
                let counted = try await RunningWorker.waitUntil(timeout: .seconds(30)) {
                    text = try await gateway.request("GET", "/metrics").text
                    return PrometheusSample.value(of: "fte_worker_processing_seconds_count", ["channel": "web_form"], in: text) == 1
                }
                #expect(counted, "metrics:\n\(text)")
                #expect(PrometheusSample.value(of: "fte_queue_publish_seconds_count", ["backend": "postgres"], in: text) == 1)
                #expect(text.contains("fte_worker_messages_total{channel=\"web_form\""))
            }
        }
    }

    @Test func aBadPortIsAUsageError() async throws {
        let result = try await FTEBinary.run(["work", "--port", "70000"], environment: ["FTE_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("FTE_WORKER_PORT"), "\(result.stderr)")
        let fromEnvironment = try await FTEBinary.run(
            ["work"], environment: ["FTE_WORKER_PORT": "http", "FTE_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"])
        #expect(fromEnvironment.status == 64)
        #expect(fromEnvironment.stderr.split(separator: "\n").count == 1, "\(fromEnvironment.stderr)")
    }

    /// A second `fte work` or an `fte serve` on a port the first worker holds: one line naming the
    /// address, not the socket layer's `bind(descriptor:ptr:bytes:)`, and no process left running.
    @Test func aPortInUseIsOneLineNamingTheAddress() async throws {
        try await withTestDatabase { db in
            let port = LoopbackPort.unused()
            let first = try await Self.startWorker(db, environment: ["FTE_WORKER_PORT": String(port)])
            let second = try await FTEBinary.run(["work", "--port", String(port)], environment: ["FTE_DATABASE_URL": db.url])
            #expect(second.status == 1)
            #expect(second.stderrLines.last == "error: cannot listen on 127.0.0.1:\(port): the port is already in use by another process; stop it or choose another port",
                    "\(second.stderr)")
            #expect(!second.stderr.contains("bind("), "\(second.stderr)")
            let serve = try await FTEBinary.run(["serve", "--port", String(port)], environment: ["FTE_DATABASE_URL": db.url])
            #expect(serve.status == 1)
            #expect(serve.stderrLines.last?.hasPrefix("error: cannot listen on 127.0.0.1:\(port): the port is already in use") == true,
                    "\(serve.stderr)")
            // The first worker still answers on its port.
            #expect(try await first.probe("/health").status == 200)
            try await first.stop()
        }
    }
}

/// Reads samples out of Prometheus's text format.
enum PrometheusSample {
    /// The value of the sample of `name` whose labels include `labels` exactly (other labels
    /// may follow); `nil` when there is none.
    static func value(of name: String, _ labels: [String: String], in text: String) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let series = line[..<space]
            let metric = series.prefix { $0 != "{" }
            guard metric == name else { continue }
            let found = Self.labels(of: String(series.dropFirst(metric.count)))
            if labels.allSatisfy({ found[$0.key] == $0.value }) { return Double(line[line.index(after: space)...]) }
        }
        return nil
    }

    private static func labels(of text: String) -> [String: String] {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return [:] }
        var labels: [String: String] = [:]
        for pair in text.dropFirst().dropLast().split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
        }
        return labels
    }
}
