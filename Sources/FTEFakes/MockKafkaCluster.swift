import CRdKafka
import Synchronization

/// librdkafka's built-in mock Kafka cluster, listening on loopback ports in this process, for
/// tests of the real client code (including `fte serve` in a child process, which connects to
/// ``bootstrapServers``). It serves until ``shutdown()`` or until the value is released.
///
/// Each method sends one command to the mock's own thread and returns in well under a millisecond.
public final class MockKafkaCluster: Sendable {
    /// Numeric Kafka protocol API keys, for ``pushRequestErrors(apiKey:errors:)``.
    public enum APIKey: Int16, Sendable {
        case produce = 0, fetch = 1, listOffsets = 2, metadata = 3, offsetCommit = 8, offsetFetch = 9
        case findCoordinator = 10, joinGroup = 11, heartbeat = 12, syncGroup = 14, initProducerID = 22
    }

    /// Broker ids run from 1 to the broker count.
    public let brokerCount: Int
    /// The brokers' `127.0.0.1:port` addresses, comma-separated: the clients' `bootstrap.servers`.
    public let bootstrapServers: String
    private let owner: Mutex<MockClusterOwner?>
    /// Ports of brokers that are down, held so that nothing else takes them meanwhile.
    private let heldPorts = Mutex([Int32: PortReservation]())

    /// Starts a cluster of `brokers` brokers.
    /// - Throws: ``FakeServiceError`` when librdkafka cannot start it.
    public init(brokers: Int = 3) throws {
        let owner = try MockClusterOwner(brokers: brokers)
        brokerCount = brokers
        bootstrapServers = owner.bootstrapServers
        self.owner = Mutex(owner)
    }

    /// Creates `name` with `partitions` partitions (the mock has no CreateTopics API).
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 3) throws {
        let error = try command { rd_kafka_mock_topic_create($0, name, Int32(partitions), Int32(replicationFactor)) }
        try check(error, "create topic \(name)")
    }

    /// Makes the next `errors.count` requests of `apiKey`, to any broker, fail with `errors` in
    /// order. `RD_KAFKA_RESP_ERR__TRANSPORT` makes the broker drop the connection instead.
    public func pushRequestErrors(apiKey: APIKey, errors: [rd_kafka_resp_err_t]) throws {
        try command { cluster in
            errors.withUnsafeBufferPointer {
                rd_kafka_mock_push_request_errors_array(cluster, apiKey.rawValue, $0.count, $0.baseAddress)
            }
        }
    }

    /// Takes broker `id` down (−1: every broker): connections drop and new ones are refused.
    /// Partition leadership does not move.
    public func setBrokerDown(_ id: Int32) throws {
        try check(try command { rd_kafka_mock_broker_set_down($0, id) }, "take broker \(id) down")
        heldPorts.withLock { held in
            for broker in brokers(id) where held[broker] == nil {
                held[broker] = port(of: broker).flatMap { PortReservation(port: $0) }
            }
        }
    }

    /// Brings broker `id` (−1: every broker) back up, on its old port.
    public func setBrokerUp(_ id: Int32) throws {
        heldPorts.withLock { held in brokers(id).forEach { held[$0] = nil } }
        try check(try command { rd_kafka_mock_broker_set_up($0, id) }, "bring broker \(id) up")
    }

    private func brokers(_ id: Int32) -> [Int32] {
        id == -1 ? Array(1...Int32(brokerCount)) : [id]
    }

    /// The port broker `id` listens on (brokers are listed in id order).
    private func port(of id: Int32) -> UInt16? {
        let addresses = bootstrapServers.split(separator: ",")
        guard id >= 1, Int(id) <= addresses.count else { return nil }
        return addresses[Int(id) - 1].split(separator: ":").last.flatMap { UInt16($0) }
    }

    /// Stops the brokers and releases the cluster; later calls throw.
    public func shutdown() {
        _ = owner.withLock { $0.take() }
    }

    private func command<T>(_ body: (OpaquePointer) -> T) throws -> T {
        try owner.withLock { owner in
            guard let owner else { throw FakeServiceError("the mock Kafka cluster is shut down") }
            return body(owner.cluster)
        }
    }

    private func check(_ error: rd_kafka_resp_err_t, _ action: String) throws {
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let name = rd_kafka_err2name(error).map { String(cString: $0) } ?? "\(error.rawValue)"
            throw FakeServiceError("mock Kafka cluster: cannot \(action): \(name)")
        }
    }
}

/// Owns the bookkeeping client and the mock cluster it hosts; destroys the cluster first.
private final class MockClusterOwner: @unchecked Sendable {
    let client: OpaquePointer
    let cluster: OpaquePointer
    let bootstrapServers: String

    init(brokers: Int) throws {
        var errorText = [CChar](repeating: 0, count: 512)
        guard let conf = rd_kafka_conf_new() else { throw FakeServiceError("librdkafka cannot allocate a configuration") }
        // The bookkeeping client never connects anywhere; keep its logging quiet.
        _ = rd_kafka_conf_set(conf, "log_level", "0", &errorText, errorText.count)
        guard let client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FakeServiceError("cannot create the mock cluster's client: \(reason)")
        }
        guard let cluster = rd_kafka_mock_cluster_new(client, Int32(brokers)),
            let servers = rd_kafka_mock_cluster_bootstraps(cluster)
        else {
            rd_kafka_destroy(client)
            throw FakeServiceError("librdkafka cannot start a mock cluster of \(brokers) brokers")
        }
        self.client = client
        self.cluster = cluster
        self.bootstrapServers = String(cString: servers)
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(client)
    }
}
