import FTECore
import FTETesting
import Foundation
import Testing

/// Measures publish throughput and latency against the mock cluster; prints the figures and
/// asserts only that every event was acknowledged. Run it on demand:
/// `FTE_KAFKA_BENCHMARK=1 swift test --skip-build --filter KafkaThroughputBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FTE_KAFKA_BENCHMARK"] != nil))
struct KafkaThroughputBenchmark {
    @Test func sixtyFourConcurrentPublishers() async throws {
        let publishers = 64
        let perPublisher = Int(ProcessInfo.processInfo.environment["FTE_KAFKA_BENCHMARK_EVENTS"] ?? "") ?? 1_000
        try await withKafkaCluster { kafka in
            let publisher = try kafka.makePublisher()
            try await publisher.publish(testEvent(customer: 0, sequence: 0))
            let clock = ContinuousClock()
            let start = clock.now
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for customer in 0..<publishers {
                    group.addTask {
                        var latencies: [Duration] = []
                        latencies.reserveCapacity(perPublisher)
                        for sequence in 0..<perPublisher {
                            let event = testEvent(customer: customer, sequence: sequence)
                            let sent = clock.now
                            try await publisher.publish(event)
                            latencies.append(clock.now - sent)
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let elapsed = clock.now - start
            await publisher.shutdown()

            #expect(latencies.count == publishers * perPublisher)
            let sorted = latencies.sorted()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = Double(sorted.count) / seconds
            print("""
                kafka publish benchmark: \(sorted.count) events, \(publishers) publishers, \
                \(Int(rate)) events/s, p50 \(sorted[sorted.count / 2]), p99 \(sorted[sorted.count * 99 / 100])
                """)
        }
    }
}
