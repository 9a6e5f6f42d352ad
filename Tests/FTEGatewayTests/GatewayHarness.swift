import FTECore
@testable import FTEGateway
import FTETestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import Prometheus

/// The gateway's router on a scratch database, driven in process by HummingbirdTesting (no
/// socket): the request/response contract of every route. What needs a process — signals,
/// ports, logs, a kill -9 — is tested with the built binary in FTEIntegrationTests.
struct GatewayHarness {
    var configuration = GatewayConfiguration()
    /// The queue; by default the real PostgreSQL queue of the scratch database.
    var publisher: ((Database) -> any EventPublisher)?
    var ticketSecret = "gateway-tests"
    /// The statement timeout of the gateway's database (short, to see a blocked queue answer 503).
    var statementTimeout: Duration = .seconds(30)

    /// Runs `body` with a client of the router and the scratch database.
    func run(_ body: @Sendable (any TestClientProtocol, TestDatabase) async throws -> Void) async throws {
        try await withTestDatabase { db in
            let database = Database(configuration: try DatabaseConfiguration(
                url: db.url, maxConnections: 4, statementTimeout: statementTimeout))
            do {
                let queue = publisher?(database) ?? PostgresEventPublisher(database: database)
                let gateway = Gateway(
                    configuration: configuration, publisher: queue, database: database,
                    ticketIDs: TicketIDIssuer(secret: ticketSecret),
                    // A registry of its own: swift-metrics' global system is bootstrapped once per process.
                    metrics: PrometheusMetrics(registry: PrometheusCollectorRegistry()), logger: quietLogger)
                try await Application(router: gateway.buildRouter(), logger: quietLogger).test(.router) { client in
                    try await body(client, db)
                }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }
}

/// A queue that is down: every publish is refused as unavailable.
struct UnavailableQueue: EventPublisher {
    func publish(_ event: IncomingEvent) async throws { throw QueueError.unavailable("the queue is down") }
    func checkReady() async throws { throw QueueError.unavailable("the queue is down") }
    func shutdown() async {}
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
    /// The body as JSON (`null` when it is not JSON).
    var json: JSONValue { (try? JSONValue(parsing: Data(body.readableBytesView))) ?? .null }
}

extension TestClientProtocol {
    /// POSTs `value` as JSON.
    func post(_ path: String, json value: JSONValue, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[.contentType] = "application/json"
        return try await execute(uri: path, method: .post, headers: all, body: ByteBuffer(bytes: value.jsonData))
    }

    /// POSTs `fields` form-encoded.
    func post(_ path: String, form fields: [FormField], headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[.contentType] = FormURLEncoding.contentType
        return try await execute(uri: path, method: .post, headers: all, body: ByteBuffer(string: FormURLEncoding.encode(fields)))
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: path, method: .get, headers: headers)
    }
}

extension TestDatabase {
    /// The events waiting in the PostgreSQL queue, oldest first.
    func queuedEvents() async throws -> [IncomingEvent] {
        try await withClient { client in
            try await client.query("SELECT payload::text AS payload FROM event_queue ORDER BY id").map { row in
                try IncomingEvent.decode(Array((try row.decode("payload", as: String.self)).utf8))
            }
        }
    }
}

let quietLogger = Logger(label: "gateway-tests") { _ in SwiftLogNoOpLogHandler() }
