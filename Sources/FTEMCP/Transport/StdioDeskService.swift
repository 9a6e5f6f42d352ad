import Logging
import MCP
import ServiceLifecycle
import UnixSignals

/// Serves the desk to one client over standard input and output (MCP's stdio transport),
/// until the client closes its end or the process is asked to stop. Tool calls in flight
/// finish and are answered first (at most 30 s), so a write is never cut off half-way.
///
/// - Important: standard output carries only MCP messages: log to standard error.
public struct StdioDeskService: Service {
    let desk: SupportDesk

    public init(desk: SupportDesk) {
        self.desk = desk
    }

    /// Runs the service until standard input ends, SIGTERM or SIGINT.
    public func runUntilStopped() async throws {
        try await ServiceGroup(configuration: .init(
            services: [.init(service: self, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: desk.logger)).run()
    }

    public func run() async throws {
        let session = DeskSession()
        let server = await desk.makeServer(for: session)
        let transport = AnsweringTransport(StdioTransport(logger: desk.logger), logger: desk.logger)
        try await server.start(transport: transport, initializeHook: session.initialized)
        await withGracefulShutdownHandler {
            await server.waitUntilCompleted()
        } onGracefulShutdown: {
            Task {
                await transport.drain(within: .seconds(30))
                await server.stop()
            }
        }
        // Standard input ended: answer the requests still running before closing.
        await transport.drain(within: .seconds(30))
        await server.stop()
    }
}
