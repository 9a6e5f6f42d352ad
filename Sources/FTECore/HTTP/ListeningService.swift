#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import ServiceLifecycle

/// An HTTP server that could not take its address: the port is held by another process, needs
/// privileges, or the host is not one of this machine's addresses.
public struct ListenError: Error, CustomStringConvertible, Sendable {
    public var host: String
    public var port: Int
    public var reason: String

    public var description: String { "cannot listen on \(host):\(port): \(reason)" }

    /// The error for a failed bind, or `nil` when `error` is not one.
    init?(_ error: any Error, host: String, port: Int) {
        guard let error = error as? IOError else { return nil }
        switch error.errnoCode {
        case EADDRINUSE:
            reason = "the port is already in use by another process; stop it or choose another port"
        case EACCES:
            reason = "permission denied (ports below 1024 need privileges); choose a port above 1023"
        case EADDRNOTAVAIL:
            reason = "this machine has no such address; use 127.0.0.1, 0.0.0.0 or one of its own addresses"
        default:
            return nil
        }
        self.host = host
        self.port = port
    }
}

/// Runs an HTTP server service and reports a failed bind as a `ListenError` naming the address,
/// instead of the socket layer's `bind(descriptor:ptr:bytes:)` message.
public struct ListeningService<Server: Service>: Service {
    private let server: Server
    private let host: String
    private let port: Int

    public init(_ server: Server, host: String, port: Int) {
        self.server = server
        self.host = host
        self.port = port
    }

    public func run() async throws {
        do {
            try await server.run()
        } catch {
            throw ListenError(error, host: host, port: port) ?? error
        }
    }
}
