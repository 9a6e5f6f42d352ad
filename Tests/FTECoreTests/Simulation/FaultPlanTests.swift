import FTECore
import Testing

@Suite struct FaultPlanTests {
    @Test func aDayHasTwelveKillsAndEachOutageOnce() {
        let plan = FaultPlan.standard(hours: 24, killEvery: 7200, gateways: 2, workers: 3, kafka: false, seed: 1)
        let kills = plan.entries.filter(\.kind.isProcessKill)
        #expect(kills.count == 12)
        #expect(kills.map(\.at) == stride(from: 3600.0, to: 86_400, by: 7200).map { $0 })
        #expect(kills.contains { $0.kind == .workerKill } && kills.contains { $0.kind == .gatewayKill })
        for kill in kills {
            #expect((0..<(kill.kind == .workerKill ? 3 : 2)).contains(kill.processIndex ?? -1))
        }
        let midSend = plan.entries.filter { $0.kind == .midSendKill }
        #expect(midSend.map(\.at) == stride(from: 7200.0, to: 86_400, by: 14_400).map { $0 }, "between two kills, every 4 h")
        #expect(midSend.map(\.processIndex) == [0, 1, 0, 1, 0, 1], "Twilio and Gmail in turn")
        let outages = plan.entries.filter { !$0.kind.isProcessKill && $0.kind != .midSendKill }.map(\.kind)
        #expect(Set(outages) == [.llmOutage, .llmSlowdown, .twilioOutage, .gmailOutage, .databaseRestart])
        #expect(outages.count == 5, "each once; no broker fault without Kafka")
        #expect(plan.entries.allSatisfy { $0.at + $0.duration <= 86_400 })
        #expect(plan.entries.map(\.at) == plan.entries.map(\.at).sorted())
    }

    @Test func theSeedFixesTheScheduleAndKafkaAddsABrokerFault() {
        let one = FaultPlan.standard(hours: 24, killEvery: 7200, gateways: 2, workers: 3, kafka: true, seed: 7)
        #expect(one == FaultPlan.standard(hours: 24, killEvery: 7200, gateways: 2, workers: 3, kafka: true, seed: 7))
        #expect(one.entries.filter { $0.kind == .kafkaBrokerDown }.count == 1)
        let others = (8..<16).map { FaultPlan.standard(hours: 24, killEvery: 7200, gateways: 2, workers: 3, kafka: true, seed: $0) }
        #expect(others.contains { $0 != one }, "kills hit other processes with other seeds")
    }

    @Test func shortRunsAndNoKills() {
        #expect(FaultPlan.standard(hours: 2, killEvery: 0, gateways: 2, workers: 3, kafka: true, seed: 1).entries.isEmpty)
        let two = FaultPlan.standard(hours: 48, killEvery: 7200, gateways: 1, workers: 1, kafka: false, seed: 1)
        #expect(two.entries.filter(\.kind.isProcessKill).count == 24)
        #expect(two.entries.filter { $0.kind == .llmOutage }.count == 2, "the daily faults repeat each day")
    }
}
