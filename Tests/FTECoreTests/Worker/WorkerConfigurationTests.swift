import FTECore
import Testing

@Suite struct WorkerConfigurationTests {
    @Test func defaultsPauseAProviderBrieflyAndRetryForAboutTwoMinutes() throws {
        let configuration = try WorkerConfiguration.fromEnvironment([:])
        #expect(configuration.lease == .seconds(30))
        #expect(configuration.outbox.maxAttempts == 8)
        #expect(configuration.outbox.backoff.maximum == .seconds(30))
        #expect(configuration.outbox.breaker.openDuration == .seconds(5))
    }

    @Test func theOutboxKnobsAreRead() throws {
        let configuration = try WorkerConfiguration.fromEnvironment([
            "FTE_OUTBOX_MAX_ATTEMPTS": "3", "FTE_OUTBOX_MAX_RETRY_SECONDS": "120", "FTE_OUTBOX_BREAKER_OPEN_SECONDS": "60",
            "FTE_WORKER_LEASE_SECONDS": "4", "FTE_WORKER_TAKE_LIMIT": "50", "FTE_EMBED_CACHE_SIZE": "0",
        ])
        #expect(configuration.worker.takeLimit == 50)
        #expect(configuration.queryCacheSize == 0)
        #expect(configuration.outbox.maxAttempts == 3)
        #expect(configuration.outbox.backoff.maximum == .seconds(120))
        #expect(configuration.outbox.breaker.openDuration == .seconds(60))
        #expect(configuration.lease == .seconds(4))
    }

    @Test(arguments: ["FTE_WORKER_TAKE_LIMIT", "FTE_OUTBOX_MAX_ATTEMPTS", "FTE_OUTBOX_MAX_RETRY_SECONDS", "FTE_OUTBOX_BREAKER_OPEN_SECONDS"])
    func unusableValuesAreRefusedByName(key: String) {
        #expect(throws: ConfigError.self) { try WorkerConfiguration.fromEnvironment([key: "0"]) }
        do {
            _ = try WorkerConfiguration.fromEnvironment([key: "soon"])
            Issue.record("\(key)=soon was accepted")
        } catch {
            #expect("\(error)".contains(key))
        }
    }
}
