import FTECore
import Foundation
import MCP
import Synchronization

/// Who may use `fte mcp --http`, checked before any session is looked up or opened:
///
/// - an `Origin` header (sent by browsers) must be the server's own loopback origin or one
///   allowed with `--allow-origin`, else 403: a page on another site cannot drive the desk
///   through the user's browser, even after rebinding its DNS name to 127.0.0.1;
/// - when bound to loopback, the `Host` header must name a loopback address, else 421 (the other
///   half of DNS-rebinding protection);
/// - every request must carry the admin bearer token, else 401 with `WWW-Authenticate: Bearer`.
///
/// The SDK's `OriginValidator` cannot express a server bound to all interfaces (any `Host`), hence
/// this one validator for both cases.
struct HTTPAccessPolicy: HTTPRequestValidator {
    let token: AdminToken
    /// Whether the server listens on loopback only.
    let loopback: Bool
    /// Origins allowed besides the server's own, lower-cased, without a trailing slash.
    let allowedOrigins: Set<String>
    /// The port the server listens on, once bound.
    let port: BoundPort

    init(token: AdminToken, host: String, allowedOrigins: [String], port: BoundPort) {
        self.token = token
        loopback = Self.isLoopback(host)
        self.allowedOrigins = Set(allowedOrigins.map(Self.normalizedOrigin))
        self.port = port
    }

    func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
        if let origin = request.header(HTTPHeaderName.origin), !originAllowed(origin) {
            return .error(statusCode: 403, .invalidRequest("Forbidden: this Origin may not use the server (allow it with --allow-origin)"))
        }
        if loopback, let host = request.header(HTTPHeaderName.host), !Self.isLoopback(Self.hostName(inAuthority: host)) {
            return .error(statusCode: 421, .invalidRequest("Misdirected Request: the Host header does not name this loopback server"))
        }
        guard token.authorizes(request.header(HTTPHeaderName.authorization)) else {
            return .error(
                statusCode: 401, .invalidRequest("Unauthorized: send the admin token (FTE_ADMIN_TOKEN) as Authorization: Bearer <token>"),
                extraHeaders: [HTTPHeaderName.wwwAuthenticate: "Bearer"])
        }
        return nil
    }

    private func originAllowed(_ origin: String) -> Bool {
        let origin = Self.normalizedOrigin(origin)
        if allowedOrigins.contains(origin) { return true }
        guard loopback, let port = port.value else { return false }
        return ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { origin == "\($0):\(port)" }
    }

    /// Whether `host` (a name or address, IPv6 with or without brackets) is loopback.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" || host.hasSuffix(".localhost") { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The host of a `Host` header (`name:port`, `[v6]:port`).
    static func hostName(inAuthority authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[...end])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    private static func normalizedOrigin(_ origin: String) -> String {
        var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// The port a server got when it started listening (port 0 picks one).
final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)

    var value: Int? { port.withLock { $0 } }

    func set(_ value: Int) { port.withLock { $0 = value } }
}
