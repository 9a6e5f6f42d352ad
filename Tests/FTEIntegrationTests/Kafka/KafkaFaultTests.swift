import CRdKafka
import FTECore
import FTETestSupport
import Foundation
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(2))) struct KafkaFaultTests {
    @Test func injectedProduceErrorsLoseAndDuplicateNothing() async throws {
        try await withKafkaCluster { kafka in
            // One produce request in flight per connection. librdkafka's mock checks producer
            // sequence numbers only for transactional producers (rdkafka_mock.c,
            // rd_kafka_mock_validate_records), so it appends a batch that follows a failed one,
            // which a real broker refuses as OUT_OF_ORDER_SEQUENCE_NUMBER until the failed batch
            // is retried. With several requests in flight that left, in two of four clean-clone
            // CI runs, an acknowledged event missing from the mock's log: a state no real cluster
            // reaches. fte serve keeps librdkafka's default (5 in flight, idempotent, ordered).
            let publisher = try kafka.makePublisher(extra: ["max.in.flight.requests.per.connection": "1"])
            try await publisher.publish(testEvent(customer: 0, sequence: 0))
            try kafka.cluster.pushRequestErrors(apiKey: .produce, errors: [
                RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            ])
            let acknowledged = await publishConcurrently(publisher, customers: 1...10, perCustomer: 5)
            await publisher.shutdown()

            #expect(acknowledged.count == 50)
            let received = try await kafka.consumeEvents(count: acknowledged.count + 1)
            let ids = received.map(\.event.channelMessageID)
            #expect(ids.count == Set(ids).count, "duplicates: \(ids.count - Set(ids).count)")
            #expect(acknowledged.isSubset(of: Set(ids)))
        }
    }

    @Test func publishesDuringAnOutageCompleteWhenBrokersReturn() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher(messageTimeout: .seconds(30))
            try await publisher.publish(testEvent(customer: 0, sequence: 0))
            try kafka.cluster.setBrokerDown(-1)

            let finished = FinishCounter()
            async let acknowledged = publishConcurrently(publisher, customers: 1...5, perCustomer: 2) {
                finished.count.add(1, ordering: .relaxed)
            }
            // Let the publishes reach librdkafka while every broker refuses connections.
            try await Task.sleep(for: .milliseconds(500))
            #expect(finished.count.load(ordering: .relaxed) == 0, "a publish completed while all brokers were down")
            try kafka.cluster.setBrokerUp(-1)

            let delivered = await acknowledged
            await publisher.shutdown()
            #expect(delivered.count == 10)
            let received = try await kafka.consumeEvents(count: 11)
            let ids = received.map(\.event.channelMessageID)
            #expect(ids.count == 11)
            #expect(Set(ids) == delivered.union(["c0-m0"]))
        }
    }

    @Test func publishesFailAsUnavailableWhenTheOutageOutlastsTheTimeout() async throws {
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher(messageTimeout: .seconds(2))
            try await publisher.publish(testEvent(customer: 0, sequence: 0))
            try kafka.cluster.setBrokerDown(-1)

            let failures = await withTaskGroup(of: (any Error)?.self) { group in
                for customer in 1...5 {
                    group.addTask {
                        do {
                            try await publisher.publish(testEvent(customer: customer, sequence: 0))
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(failures.count == 5)
            for failure in failures {
                guard case .unavailable(let why) = failure as? QueueError else {
                    Issue.record("expected QueueError.unavailable, got \(String(describing: failure))")
                    continue
                }
                #expect(why.contains("_MSG_TIMED_OUT"))
            }
            try kafka.cluster.setBrokerUp(-1)
            await publisher.shutdown()
        }
    }
}

/// Publishes `perCustomer` events for each customer, numbered from `firstSequence` (customers
/// concurrently, each customer's events in order, continuing past failures), and returns the
/// channel message ids acknowledged.
func publishConcurrently(
    _ publisher: KafkaEventPublisher, customers: ClosedRange<Int>, perCustomer: Int, firstSequence: Int = 0,
    onFinish: @escaping @Sendable () -> Void = {}
) async -> Set<String> {
    await withTaskGroup(of: [String].self) { group in
        for customer in customers {
            group.addTask {
                var acknowledged: [String] = []
                for sequence in firstSequence..<(firstSequence + perCustomer) {
                    let event = testEvent(customer: customer, sequence: sequence)
                    if (try? await publisher.publish(event)) != nil { acknowledged.append(event.channelMessageID) }
                    onFinish()
                }
                return acknowledged
            }
        }
        return await group.reduce(into: Set()) { $0.formUnion($1) }
    }
}

/// Counts finished publishes across tasks.
final class FinishCounter: Sendable {
    let count = Atomic<Int>(0)
}
