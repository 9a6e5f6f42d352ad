import Foundation
import Hummingbird
import NIOCore

/// Google's JWKS endpoint (`/oauth2/v3/certs`) on loopback, serving a ``TestTokenSigner``'s
/// public key with a `Cache-Control: max-age` like Google's.
public final class FakeGoogleCertsServer: Sendable {
    private let server: LocalHTTPServer

    /// The JWKS URL, for `FTE_GOOGLE_CERTS_URL`.
    public var certsURL: String { server.baseURL + "/oauth2/v3/certs" }

    /// Serves `signer`'s key set.
    public static func start(serving signer: TestTokenSigner) async throws -> FakeGoogleCertsServer {
        let jwks = try signer.jwksJSON()
        let router = Router()
        router.get("/oauth2/v3/certs") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=UTF-8", .cacheControl: "public, max-age=21600"],
                body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        return FakeGoogleCertsServer(server: try await LocalHTTPServer.start(router))
    }

    private init(server: LocalHTTPServer) {
        self.server = server
    }

    public func shutdown() async {
        await server.shutdown()
    }
}
