import Hummingbird
import NIOCore
import Synchronization

/// A request context that knows the client's address: the fakes use its port to tell which
/// process sent a request (``FakeTwilioServer/interruptNextSend(_:)``).
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's TCP port, when the connection has one.
    let clientPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientPort = source.channel.remoteAddress?.port
    }
}

/// A one-shot hook run after a fake accepted a message and before it answers: what a process
/// killed at that instant looks like to the provider (it has the message; the sender never
/// learns it).
final class SendInterruption: Sendable {
    private let hook = Mutex<(@Sendable (Int) async -> Void)?>(nil)

    /// Arms `body`, which gets the sender's client port, for the next accepted send; nil disarms.
    func arm(_ body: (@Sendable (Int) async -> Void)?) {
        hook.withLock { $0 = body }
    }

    /// Runs and disarms the armed hook, if any, for a send from `clientPort`.
    func fire(clientPort: Int?) async {
        guard let clientPort, let body = hook.withLock({ hook -> (@Sendable (Int) async -> Void)? in
            defer { hook = nil }
            return hook
        }) else { return }
        await body(clientPort)
    }
}
