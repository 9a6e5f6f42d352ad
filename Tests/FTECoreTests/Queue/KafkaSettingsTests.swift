import CRdKafka
import Foundation
import Logging
import Testing
@testable import FTECore

@Suite struct KafkaSettingsTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let configuration = try KafkaSettings.producerConfiguration(environment: [:])
        #expect(configuration.bootstrapServers == "127.0.0.1:9092")
        #expect(configuration.topic == "fte.tickets.incoming")
        #expect(configuration.messageTimeout == .seconds(30))
        #expect(configuration.linger == .milliseconds(1))
    }

    @Test func environmentAndFlagOverrideDefaults() throws {
        let configuration = try KafkaSettings.producerConfiguration(brokersFlag: "k1:9092,k2:9092", environment: [
            "FTE_KAFKA_BROKERS": "ignored:1", "FTE_KAFKA_TOPIC": "other", "FTE_KAFKA_MESSAGE_TIMEOUT_MS": "12000",
            "FTE_KAFKA_LINGER_MS": "0",
        ])
        #expect(configuration.bootstrapServers == "k1:9092,k2:9092")
        #expect(configuration.topic == "other")
        #expect(configuration.messageTimeout == .milliseconds(12_000))
        #expect(configuration.linger == .zero)
    }

    @Test func theConsumerJoinsItsGroupOnTheEventTopic() throws {
        let defaults = try KafkaSettings.consumerConfiguration(environment: [:])
        #expect(defaults.bootstrapServers == "127.0.0.1:9092")
        #expect(defaults.topic == "fte.tickets.incoming")
        #expect(defaults.groupID == "fte-message-processor")
        #expect(defaults.deadLetterTopic == "fte.dlq")
        #expect(defaults.capacity == 10_000)

        let configured = try KafkaSettings.consumerConfiguration(environment: [
            "FTE_KAFKA_BROKERS": "k1:9092", "FTE_KAFKA_TOPIC": "other", "FTE_KAFKA_GROUP_ID": "workers-b",
            "FTE_KAFKA_MESSAGE_TIMEOUT_MS": "5000",
        ])
        #expect(configured.bootstrapServers == "k1:9092")
        #expect(configured.topic == "other")
        #expect(configured.groupID == "workers-b")
        #expect(configured.deadLetterProducer.topic == "fte.dlq")
        #expect(configured.deadLetterProducer.messageTimeout == .seconds(5))
        #expect {
            try KafkaSettings.consumerConfiguration(environment: ["FTE_KAFKA_MESSAGE_TIMEOUT_MS": "soon"])
        } throws: { error in
            (error as? KafkaError)?.setting == "FTE_KAFKA_MESSAGE_TIMEOUT_MS"
        }
    }

    @Test func failoverSettingsHaveDocumentedDefaults() throws {
        let defaults = try KafkaSettings.consumerConfiguration(environment: [:]).additionalSettings
        #expect(defaults == [
            "session.timeout.ms": "10000", "heartbeat.interval.ms": "1000",
            "partition.assignment.strategy": "cooperative-sticky",
        ])
        #expect(defaults["group.instance.id"] == nil, "dynamic membership unless a stable name is given")
    }

    @Test func theHeartbeatIsAtMostAThirdOfTheSessionUnlessConfigured() throws {
        let short = try KafkaSettings.consumerConfiguration(environment: ["FTE_KAFKA_SESSION_TIMEOUT_MS": "1500"])
        #expect(short.additionalSettings["session.timeout.ms"] == "1500")
        #expect(short.additionalSettings["heartbeat.interval.ms"] == "500")
        let long = try KafkaSettings.consumerConfiguration(environment: ["FTE_KAFKA_SESSION_TIMEOUT_MS": "45000"])
        #expect(long.additionalSettings["heartbeat.interval.ms"] == "1000")
        let explicit = try KafkaSettings.consumerConfiguration(environment: [
            "FTE_KAFKA_SESSION_TIMEOUT_MS": "1000", "FTE_KAFKA_HEARTBEAT_INTERVAL_MS": "250",
        ])
        #expect(explicit.additionalSettings["session.timeout.ms"] == "1000")
        #expect(explicit.additionalSettings["heartbeat.interval.ms"] == "250")
    }

    @Test func strategyAndStaticMembershipReachLibrdkafka() async throws {
        let configured = try KafkaSettings.consumerConfiguration(environment: [
            "FTE_KAFKA_ASSIGNMENT_STRATEGY": "range", "FTE_KAFKA_GROUP_INSTANCE_ID": "fte-worker-0",
        ])
        #expect(configured.additionalSettings["partition.assignment.strategy"] == "range")
        #expect(configured.additionalSettings["group.instance.id"] == "fte-worker-0")
        // librdkafka accepts what the settings produce.
        let consumer = try KafkaConsumer(
            bootstrapServers: "127.0.0.1:1", groupID: "g", topics: ["t"], additionalSettings: configured.additionalSettings)
        await consumer.close()
    }

    @Test(arguments: [
        ("FTE_KAFKA_SESSION_TIMEOUT_MS", "10"), ("FTE_KAFKA_SESSION_TIMEOUT_MS", "3s"),
        ("FTE_KAFKA_HEARTBEAT_INTERVAL_MS", "soon"), ("FTE_KAFKA_HEARTBEAT_INTERVAL_MS", "50"),
        ("FTE_KAFKA_HEARTBEAT_INTERVAL_MS", "10000"),  // not below the (default) session timeout
        ("FTE_KAFKA_ASSIGNMENT_STRATEGY", "sticky"), ("FTE_KAFKA_ASSIGNMENT_STRATEGY", "Range"),
        ("FTE_KAFKA_GROUP_INSTANCE_ID", "pod/0"), ("FTE_KAFKA_GROUP_INSTANCE_ID", "fte worker"),
        ("FTE_KAFKA_GROUP_INSTANCE_ID", String(repeating: "w", count: 250)),
    ])
    func badFailoverSettingsNameThemselves(name: String, value: String) {
        #expect {
            try KafkaSettings.consumerConfiguration(environment: [name: value])
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .invalidConfiguration && error.setting == name && error.message.contains(name)
                && !error.message.contains("\n")
        }
    }

    @Test func aHeartbeatAtOrAboveAConfiguredSessionIsRefused() {
        #expect {
            try KafkaSettings.consumerConfiguration(environment: [
                "FTE_KAFKA_SESSION_TIMEOUT_MS": "2000", "FTE_KAFKA_HEARTBEAT_INTERVAL_MS": "2000",
            ])
        } throws: { error in
            (error as? KafkaError)?.setting == "FTE_KAFKA_HEARTBEAT_INTERVAL_MS"
        }
    }

    @Test(arguments: [
        ("FTE_KAFKA_LINGER_MS", "soon"), ("FTE_KAFKA_LINGER_MS", "-1"),
        ("FTE_KAFKA_MESSAGE_TIMEOUT_MS", "0"), ("FTE_KAFKA_MESSAGE_TIMEOUT_MS", "1e4"),
    ])
    func malformedVariablesNameThemselves(name: String, value: String) {
        #expect {
            try KafkaSettings.producerConfiguration(environment: [name: value])
        } throws: { error in
            (error as? KafkaError)?.code == .invalidConfiguration && (error as? KafkaError)?.setting == name
        }
    }

    @Test func librdkafkaRefusalNamesTheSetting() {
        let configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", linger: .seconds(3_600))
        #expect {
            try KafkaEventPublisher(configuration: configuration, logger: Logger(label: "test"))
        } throws: { error in
            (error as? KafkaError)?.code == .invalidConfiguration && (error as? KafkaError)?.setting == "linger.ms"
        }
    }

    @Test func unknownPropertyNamesTheSetting() {
        #expect {
            try KafkaConsumer(
                bootstrapServers: "127.0.0.1:1", groupID: "g", topics: ["t"],
                additionalSettings: ["no.such.thing": "1"])
        } throws: { error in
            (error as? KafkaError)?.code == .invalidConfiguration && (error as? KafkaError)?.setting == "no.such.thing"
        }
    }

    @Test func settingsThatBreakIdempotenceAreRefused() {
        let configuration = KafkaProducerConfiguration(
            bootstrapServers: "127.0.0.1:1", additionalSettings: ["max.in.flight.requests.per.connection": "10"])
        #expect {
            try KafkaEventPublisher(configuration: configuration, logger: Logger(label: "test"))
        } throws: { error in
            (error as? KafkaError)?.code == .clientCreationFailed
        }
    }

    @Test func deliveryErrorsSplitIntoRetriableAndPermanent() {
        #expect(QueueError(delivery: RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE).isRejected)
        #expect(QueueError(delivery: RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE).isRejected)
        #expect(!QueueError(delivery: RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).isRejected)
        #expect(!QueueError(delivery: RD_KAFKA_RESP_ERR__PURGE_INFLIGHT).isRejected)
        #expect(!QueueError(delivery: RD_KAFKA_RESP_ERR__FATAL).isRejected)
        #expect(QueueError(delivery: RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).description.contains("_MSG_TIMED_OUT"))
    }
}

extension QueueError {
    fileprivate var isRejected: Bool {
        if case .rejected = self { return true }
        return false
    }
}
