@testable import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct KafkaPublisherTests {
    @Test func concurrentPublishesArriveOnceAndInOrderPerCustomer() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            // 20 customers publish concurrently, each customer's 10 events one after another.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for customer in 0..<20 {
                    group.addTask {
                        for sequence in 0..<10 {
                            try await publisher.publish(testEvent(customer: customer, sequence: sequence))
                        }
                    }
                }
                try await group.waitForAll()
            }
            await publisher.shutdown()

            let received = try await kafka.consumeEvents(count: 200)
            #expect(received.count == 200)
            #expect(Set(received.map(\.event.eventID)).count == 200)
            let byCustomer = Dictionary(grouping: received) { $0.event.customer.email ?? "" }
            #expect(byCustomer.count == 20)
            for (email, records) in byCustomer {
                #expect(records.map { $0.event.metadata["sequence"] } == (0..<10).map { "\($0)" }, "order of \(email)")
                #expect(Set(records.map(\.message.partition)).count == 1, "\(email) spans partitions")
                #expect(records.allSatisfy { $0.message.key == Array(email.utf8) })
            }
            #expect(Set(received.map(\.message.partition)).count > 1)
        }
    }

    @Test func readinessFollowsTheBrokers() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            try await publisher.checkReady()

            try kafka.cluster.setBrokerDown(-1)
            await #expect(throws: QueueError.self) { try await publisher.checkReady() }

            try kafka.cluster.setBrokerUp(-1)
            #expect(try await eventuallyReady(publisher, within: .seconds(20)))
            await publisher.shutdown()
            await #expect(throws: QueueError.unavailable("the Kafka publisher is shut down")) {
                try await publisher.checkReady()
            }
        }
    }

    @Test func oversizedEventIsRejected() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher(extra: ["message.max.bytes": "1000"])
            var event = testEvent(customer: 1, sequence: 1)
            event.content = String(repeating: "x", count: 5_000)
            await #expect {
                try await publisher.publish(event)
            } throws: { error in
                guard case .rejected(let why) = error as? QueueError else { return false }
                return why.contains("MSG_SIZE_TOO_LARGE")
            }
            try await publisher.publish(testEvent(customer: 1, sequence: 2))
            await publisher.shutdown()
        }
    }

    @Test func fatalErrorFailsOutstandingPublishesAndReplacesTheProducer() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher(messageTimeout: .seconds(30))
            try await publisher.publish(testEvent(customer: 1, sequence: 0))

            // An event waiting out an outage is outstanding when the producer fails fatally: it
            // must fail as unavailable at once, not after the 30 s message timeout.
            try kafka.cluster.setBrokerDown(-1)
            let clock = ContinuousClock()
            let started = clock.now
            let outstanding = Task { try await publisher.publish(testEvent(customer: 1, sequence: 1)) }
            try await Task.sleep(for: .milliseconds(300))
            publisher.raiseFatalErrorForTesting()
            await #expect {
                try await outstanding.value
            } throws: { error in
                guard case .unavailable = error as? QueueError else { return false }
                return true
            }
            #expect(clock.now - started < .seconds(10))

            // Until the poll thread installed the replacement, publishes fail as unavailable
            // (the sender retries); then the replacement delivers once the brokers are back.
            try kafka.cluster.setBrokerUp(-1)
            var delivered = false
            while !delivered, clock.now - started < .seconds(30) {
                do {
                    try await publisher.publish(testEvent(customer: 1, sequence: 2))
                    delivered = true
                } catch QueueError.unavailable {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(delivered)
            await publisher.shutdown()
            let received = try await kafka.consumeEvents(count: 2)
            #expect(received.map(\.event.channelMessageID).sorted() == ["c1-m0", "c1-m2"])
        }
    }

    @Test func consumerCallsAfterCloseThrowClosed() async throws {
        try await withKafkaCluster { kafka in
            let consumer = try KafkaConsumer(
                bootstrapServers: kafka.cluster.bootstrapServers, groupID: "closed", topics: [kafka.topic],
                logger: quietLogger)
            await consumer.close()
            await #expect { try await consumer.poll(timeout: .milliseconds(10)) } throws: { error in
                (error as? KafkaError)?.code == .closed
            }
        }
    }

    @Test func publishAfterShutdownIsUnavailable() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            await publisher.shutdown()
            await #expect(throws: QueueError.unavailable("the Kafka publisher is shut down")) {
                try await publisher.publish(testEvent(customer: 1, sequence: 0))
            }
        }
    }
}

/// Polls `checkReady` until it passes or `limit` elapsed.
func eventuallyReady(_ publisher: KafkaEventPublisher, within limit: Duration) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if (try? await publisher.checkReady()) != nil { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return false
}
