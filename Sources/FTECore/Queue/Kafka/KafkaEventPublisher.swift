import CRdKafka
import Logging
import NIOPosix
import Synchronization

/// Publishes ``IncomingEvent``s to a Kafka topic with an idempotent producer: key = the event's
/// ``IncomingEvent/partitionKey`` (so one customer's events stay in order in one partition),
/// value = ``IncomingEvent/encoded()``. `publish` returns once the brokers acknowledged the event
/// to all in-sync replicas.
///
/// A dedicated thread serves delivery reports; each one resumes its publish directly. After a
/// fatal producer error the outstanding publishes fail as unavailable and the producer is
/// replaced. Call ``shutdown()`` before dropping the publisher.
public final class KafkaEventPublisher: EventPublisher {
    private let configuration: KafkaProducerConfiguration
    private let logger: Logger
    /// The live producer; `nil` once shut down. Publishers hold a read lock while they enqueue,
    /// so many enqueue at once, and shutdown or a replacement (the writers) waits for them.
    private let producer: ReadWriteLock<KafkaProducer?>
    /// Thread 1 runs the poll loop; thread 2 runs readiness checks and the shutdown flush.
    private let threads = NIOThreadPool(numberOfThreads: 2)
    private let pollLoop: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Tells the poll loop to stop; set once shutdown took the producer.
    private let stopping = Atomic<Bool>(false)

    /// How long a publish keeps retrying while librdkafka's local queue is full.
    private static let queueFullRetryDelay = Duration.milliseconds(2)
    /// What calls after ``shutdown()`` throw.
    private static let shutDown = QueueError.unavailable("the Kafka publisher is shut down")
    /// How long ``checkReady()`` waits for a broker.
    private static let readinessTimeout: Int32 = 2_000

    /// Creates the producer and starts serving its delivery reports.
    /// - Throws: ``KafkaError`` `invalidConfiguration` naming the setting librdkafka refused.
    public init(configuration: KafkaProducerConfiguration, logger: Logger = Logger(label: "fte.kafka")) throws {
        self.configuration = configuration
        self.logger = logger
        producer = ReadWriteLock(try KafkaProducer(configuration: configuration, logger: logger))
        threads.start()
        let loop = Task {
            _ = try? await self.threads.runIfActive { self.servePollLoop() }
        }
        pollLoop.withLock { $0 = loop }
    }

    /// Publishes one event and returns once it is durable.
    /// - Throws: ``QueueError`` `unavailable` when delivery failed or timed out (or the publisher
    ///   is shut down), `rejected` when the cluster will never take the event (e.g. too large).
    public func publish(_ event: IncomingEvent) async throws {
        let value: [UInt8]
        do {
            value = try event.encoded()
        } catch {
            throw QueueError.rejected("the event cannot be encoded: \(error)")
        }
        try await publish(key: Array(event.partitionKey.utf8), value: value)
    }

    /// Publishes one record as given and returns once it is durable.
    /// - Throws: ``QueueError`` as ``publish(_:)`` does.
    func publish(key: [UInt8], value: [UInt8]) async throws {
        let deadline = ContinuousClock.now + configuration.messageTimeout
        while true {
            let outcome = await withCheckedContinuation { continuation in
                let opaque = DeliveryWaiter(continuation).retainedOpaque()
                let refusal = producer.withReadLock { producer in
                    producer?.enqueue(key: key, value: value, opaque: opaque) ?? RD_KAFKA_RESP_ERR__DESTROY
                }
                if refusal != RD_KAFKA_RESP_ERR_NO_ERROR {
                    DeliveryWaiter.reclaim(opaque)
                    continuation.resume(returning: refusal)
                }
            }
            switch outcome {
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                return
            case RD_KAFKA_RESP_ERR__DESTROY:
                throw Self.shutDown
            case RD_KAFKA_RESP_ERR__QUEUE_FULL where ContinuousClock.now < deadline:
                try await Task.sleep(for: Self.queueFullRetryDelay)
            default:
                throw QueueError(delivery: outcome)
            }
        }
    }

    /// Checks that a broker answers with the topic's metadata within 2 seconds.
    /// - Throws: ``QueueError`` `unavailable` otherwise.
    public func checkReady() async throws {
        try await runBlocking {
            guard let current = self.producer.withReadLock({ $0 }) else {
                throw Self.shutDown
            }
            try current.checkTopicMetadata(waitingUpTo: Self.readinessTimeout)
        }
    }

    /// Waits (up to the message timeout) for outstanding events to be delivered, fails the rest
    /// as unavailable, then destroys the producer and stops its threads.
    public func shutdown() async {
        let flushTimeout = Int32(clamping: configuration.messageTimeout.wholeMilliseconds)
        try? await runBlocking {
            guard let current = self.producer.withWriteLock({ $0.take() }) else { return }
            self.stopping.store(true, ordering: .releasing)
            current.flush(waitingUpTo: flushTimeout)
            current.failOutstanding()
        }
        await pollLoop.withLock { $0.take() }?.value
        try? await threads.shutdownGracefully()
    }

    /// Raises a fatal error in the current producer (tests of the recovery path).
    func raiseFatalErrorForTesting() {
        producer.withReadLock { $0?.raiseFatalErrorForTesting() }
    }

    private func runBlocking(_ work: @escaping @Sendable () throws -> Void) async throws {
        do {
            try await threads.runIfActive(work)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw Self.shutDown
        } catch is CancellationError where producer.withReadLock({ $0 == nil }) {
            // A stopped thread pool cancels the work it is handed.
            throw Self.shutDown
        }
    }

    /// Serves delivery reports until shutdown; replaces a producer that raised a fatal error.
    /// It reads the shared slot only at start and on replacement, so it never contends with publishers.
    private func servePollLoop() {
        guard var current = producer.withReadLock({ $0 }) else { return }
        while !stopping.load(ordering: .acquiring) {
            current.serveCallbacks(waitingUpTo: 100)
            if current.hasFatalError, let replacement = replace(failed: current) {
                current = replacement
            }
        }
    }

    /// Installs a new producer in place of `failed`, then fails what `failed` still holds.
    /// - Returns: the replacement, or `nil` when it cannot be created or shutdown has begun.
    private func replace(failed: KafkaProducer) -> KafkaProducer? {
        defer { failed.failOutstanding() }
        do {
            let replacement = try KafkaProducer(configuration: configuration, logger: logger)
            let installed = producer.withWriteLock { current in
                guard current === failed else { return false }
                current = replacement
                return true
            }
            guard installed else { return nil }
            logger.warning("replaced the Kafka producer after a fatal error")
            return replacement
        } catch {
            logger.error("cannot replace the Kafka producer after a fatal error", metadata: ["error": "\(error)"])
            failed.serveCallbacks(waitingUpTo: 1_000)
            return nil
        }
    }
}
