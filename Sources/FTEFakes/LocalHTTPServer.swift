import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird server on `127.0.0.1` with a port the system picks, running in the background:
/// the base of every local fake (Google OAuth, Gmail, Twilio, JWKS, scripted LLM) and of HTTP
/// client tests.
///
/// ```swift
/// let router = Router()
/// router.get("hello") { _, _ in "hi" }
/// let server = try await LocalHTTPServer.start(router)
/// defer { Task { await server.shutdown() } }  // or use `withServer`
/// let url = server.baseURL + "/hello"
/// ```
public final class LocalHTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(port: Int, serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        self.port = port
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Starts serving `router` and returns once the server accepts connections.
    /// - Throws: ``FakeServiceError`` when the server cannot start.
    public static func start<Builder: HTTPResponderBuilder>(
        _ router: Builder, logger: Logger = LocalHTTPServer.quietLogger
    ) async throws -> LocalHTTPServer
    where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int?.self)
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let runTask = Task {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() ?? nil else {
            let failure: String
            do { try await runTask.value; failure = "it stopped" } catch { failure = "\(error)" }
            throw FakeServiceError("the local HTTP server did not start: \(failure)")
        }
        return LocalHTTPServer(port: port, serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Starts serving `router`, runs `body` with the server, and shuts it down afterwards.
    public static func withServer<Builder: HTTPResponderBuilder, Result: Sendable>(
        _ router: Builder, _ body: (LocalHTTPServer) async throws -> Result
    ) async throws -> Result
    where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let server = try await start(router)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Stops the server: gracefully, and by cancellation if requests still run after 2 seconds.
    public func shutdown() async {
        await serviceGroup.triggerGracefulShutdown()
        let runTask = self.runTask
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await runTask.result }
            group.addTask {
                do {
                    try await Task.sleep(for: .seconds(2))
                    runTask.cancel()
                } catch {}  // Cancelled: the server stopped in time.
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// A logger that reports only errors, so test output stays readable.
    public static var quietLogger: Logger {
        var logger = Logger(label: "fte.local-http-server")
        logger.logLevel = .error
        return logger
    }
}
