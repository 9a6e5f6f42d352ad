import Synchronization

/// Probes the gateway service's `/health` every `interval` until cancelled, counting answers.
final class HealthProber: Sendable {
    private let counts = Mutex((answered: 0, made: 0))

    var answered: Int { counts.withLock { $0.answered } }
    var made: Int { counts.withLock { $0.made } }

    func run(_ gateways: GatewayService, every interval: Duration) async {
        while !Task.isCancelled {
            let healthy = await gateways.isHealthy()
            counts.withLock { counts in
                counts.made += 1
                if healthy { counts.answered += 1 }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
