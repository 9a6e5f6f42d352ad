import FTECore
import FTETestSupport
import Foundation
import Testing

/// `fte serve` publishing to Kafka: librdkafka's mock cluster (3 brokers) hosted by this test
/// process, the gateway a separate process connected to it over loopback.
@Suite(.timeLimit(.minutes(4))) struct ServeKafkaTests {
    private func withGateway(
        messageTimeoutMS: Int = 30_000, _ body: (KafkaTestCluster, RunningGateway) async throws -> Void
    ) async throws {
        try await withKafkaCluster { kafka in
            try await withTestDatabase { db in
                let environment = [
                    "FTE_KAFKA_BROKERS": kafka.cluster.bootstrapServers, "FTE_KAFKA_TOPIC": kafka.topic,
                    "FTE_KAFKA_MESSAGE_TIMEOUT_MS": "\(messageTimeoutMS)", "FTE_SUBMISSIONS_PER_MINUTE": "100000",
                ]
                try await RunningGateway.with(databaseURL: db.url, environment: environment) { try await body(kafka, $0) }
            }
        }
    }

    private func form(_ n: Int) -> [String: Any] {
        ServeProcessTests.validForm.merging(["email": "customer\(n % 5)@example.com", "subject": "Request number \(n)"]) { $1 }
    }

    @Test func everyAcknowledgedSubmissionIsInTheTopicOnceKeyedByCustomer() async throws {
        try await withGateway { kafka, gateway in
            #expect(gateway.process.outputSoFar.contains("queue: kafka"))
            var ticketIDs: [String] = []
            for n in 0..<20 {
                let reply = try await gateway.postJSON("/support/submit", form(n))
                #expect(reply.status == 200, "\(reply.text)")
                if let id = reply.json["ticket_id"] as? String { ticketIDs.append(id) }
            }
            let received = try await kafka.consumeEvents(count: 20)
            #expect(received.map(\.event.channelMessageID).sorted() == ticketIDs.sorted())
            for (message, event) in received {
                #expect(message.key.map { String(decoding: $0, as: UTF8.self) } == event.customer.email)
            }
            // One customer's submissions are in one partition, in submission order.
            let customer0 = received.filter { $0.event.customer.email == "customer0@example.com" }
            #expect(Set(customer0.map(\.message.partition)).count == 1)
            #expect(customer0.map(\.event.subject) == ["Request number 0", "Request number 5", "Request number 10", "Request number 15"])
            let ready = try await gateway.request("GET", "/ready")
            #expect(ready.status == 200, "\(ready.text)")
        }
    }

    @Test func whileTheBrokersAreDownTheFormGets503AndNothingIsAcknowledged() async throws {
        try await withGateway(messageTimeoutMS: 2_000) { kafka, gateway in
            #expect(try await gateway.postJSON("/support/submit", form(0)).status == 200)
            try kafka.cluster.setBrokerDown(-1)
            let refused = try await gateway.postJSON("/support/submit", form(1))
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") != nil)
            #expect(try await gateway.request("GET", "/ready").status == 503)
            try kafka.cluster.setBrokerUp(-1)

            // Once the brokers are back, submissions are accepted again (librdkafka reconnects
            // with backoff, so allow a while).
            var accepted: String?
            let deadline = ContinuousClock.now + .seconds(60)
            while accepted == nil, ContinuousClock.now < deadline {
                let reply = try await gateway.postJSON("/support/submit", form(2))
                if reply.status == 200 { accepted = reply.json["ticket_id"] as? String } else { try await Task.sleep(for: .milliseconds(500)) }
            }
            let id = try #require(accepted)
            let received = try await kafka.consumeEvents(count: 2)
            let ids = received.map(\.event.channelMessageID)
            #expect(ids.contains(id))
            #expect(Set(ids).count == ids.count, "no duplicates")
        }
    }

    @Test func anAcknowledgedSubmissionSurvivesKill9() async throws {
        try await withGateway { kafka, gateway in
            let reply = try await gateway.postJSON("/support/submit", form(0))
            gateway.process.signal(SIGKILL)
            _ = try await gateway.process.wait()
            #expect(reply.status == 200)
            let id = try #require(reply.json["ticket_id"] as? String)
            #expect(try await kafka.consumeEvents(count: 1).map(\.event.channelMessageID) == [id])
        }
    }
}
