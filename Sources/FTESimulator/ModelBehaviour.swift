import FTECore
import FTEFakes
import Synchronization

/// The scripted model's mood: its latency, random failures, and the outage and slowdown
/// windows the fault injector opens and closes.
final class ModelBehaviour: Sendable {
    private struct State {
        var random: SeededGenerator
        var outage = false
        var slowdown: Duration = .zero
        var calls = 0
    }

    private let latency: Duration
    private let errorRate: Double
    private let state: Mutex<State>

    init(latency: Duration, errorRate: Double, seed: UInt64) {
        self.latency = latency
        self.errorRate = errorRate
        state = Mutex(State(random: SeededGenerator(seed: seed ^ 0x6d6f_6465_6c)))
    }

    /// Chat requests answered so far.
    var calls: Int { state.withLock { $0.calls } }

    func setOutage(_ on: Bool) { state.withLock { $0.outage = on } }

    func setSlowdown(_ extra: Duration) { state.withLock { $0.slowdown = extra } }

    /// The reply to one chat request.
    func reply(to request: ScriptedLLMServer.Request) -> ScriptedLLMServer.Reply {
        let (fails, delay) = state.withLock { state -> (Bool, Duration) in
            state.calls += 1
            let fails = state.random.chance(errorRate)
            return (state.outage || fails, latency + state.slowdown)
        }
        let reply = fails ? ScriptedLLMServer.Reply.serverError(503) : .knowledgeBaseAnswer(to: request)
        return delay > .zero ? .after(delay, reply) : reply
    }
}
