import FTECore
import Foundation
import Synchronization

/// The gateways as a Kubernetes Service sees them: requests go round-robin to the replicas, and
/// a replica that refuses the connection is skipped for the next one.
final class GatewayService: Sendable {
    /// Who sends: each has its own connections, as browsers, Twilio, Pub/Sub and the probes do,
    /// so a slow kind of request never holds up another.
    enum Origin: CaseIterable {
        case browser, twilio, pubSub, probe
    }

    private let replicas: Mutex<[String]>
    private let turn = Mutex(0)
    private let clients: [Origin: HTTPClient]

    init(replicas: [String]) {
        self.replicas = Mutex(replicas)
        clients = Dictionary(uniqueKeysWithValues: Origin.allCases.map {
            ($0, HTTPClient(configuration: .init(maxConnectionsPerHost: 512, idleConnections: 256)))
        })
    }

    /// Sends `request` (its URL a path such as `/support/submit`) to one replica after another
    /// until one answers; throws the last transport error when none does.
    func send(_ request: HTTPClientRequest, from origin: Origin) async throws -> HTTPClientResponse {
        let client = clients[origin]!
        let urls = replicas.withLock { $0 }
        let first = turn.withLock { turn in
            defer { turn += 1 }
            return turn
        }
        var lastError: (any Error)?
        for offset in 0..<urls.count {
            var attempt = request
            attempt.url = urls[(first + offset) % urls.count] + request.url
            attempt.timeout = attempt.timeout ?? .seconds(30)
            attempt.connectTimeout = .seconds(2)
            do {
                return try await client.send(attempt)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? SimulationError("no gateway to send to")
    }

    /// Whether any replica answers `GET /health` with 200.
    func isHealthy() async -> Bool {
        for url in replicas.withLock({ $0 }) {
            let probe = HTTPClientRequest(.get, url: url + "/health", timeout: .seconds(1))
            if let response = try? await clients[.probe]!.send(probe), response.status == 200 { return true }
        }
        return false
    }

    func shutdown() async {
        for client in clients.values { await client.shutdown() }
    }
}
