@testable import FTECore
import FTETesting
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

    @Test func producerIsReplacedAfterAFatalError() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            try await publisher.publish(testEvent(customer: 1, sequence: 0))
            publisher.raiseFatalErrorForTesting()

            // Right after the fatal error a publish may fail as unavailable, never hang or be
            // rejected; once the producer is replaced, publishes succeed again.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(15)
            var delivered = false
            var sequence = 1
            while !delivered, clock.now < deadline {
                do {
                    try await publisher.publish(testEvent(customer: 1, sequence: sequence))
                    delivered = true
                } catch let error as QueueError {
                    guard case .unavailable = error else { Issue.record("unexpected \(error)"); break }
                    sequence += 1
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(delivered)
            await publisher.shutdown()
        }
    }

    @Test func publishAfterShutdownIsUnavailable() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            await publisher.shutdown()
            await #expect(throws: QueueError.self) { try await publisher.publish(testEvent(customer: 1, sequence: 0)) }
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
