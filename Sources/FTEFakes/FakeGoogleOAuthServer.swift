import Foundation
import Hummingbird
import Synchronization
import FTECore

/// Google's OAuth 2.0 token endpoint on loopback, for the refresh-token flow.
///
/// Speaks the real wire format: `POST /token` with a form body in, JSON out. The right client and
/// refresh token get `{"access_token", "expires_in", "scope", "token_type": "Bearer"}`; a wrong
/// refresh token gets `400 {"error": "invalid_grant", …}`, a wrong client `401 invalid_client`,
/// another grant type `400 unsupported_grant_type`, a body that is not a form `400 invalid_request`.
public final class FakeGoogleOAuthServer: Sendable {
    /// The client id the server accepts.
    public var clientID: String { endpoint.clientID }
    /// The client secret the server accepts.
    public var clientSecret: String { endpoint.clientSecret }
    /// The refresh token the server accepts, until ``revokeRefreshToken()``.
    public var refreshToken: String { endpoint.refreshToken }
    /// The token endpoint URL, `<base>/token`.
    public var tokenURL: String { server.baseURL + "/token" }
    /// Token requests received so far, successful or not.
    public var tokenRequestCount: Int { endpoint.state.withLock { $0.tokenRequests } }

    private let server: LocalHTTPServer
    private let endpoint: TokenEndpoint

    /// Starts a server that accepts the given client and refresh token.
    /// - Parameters:
    ///   - expiresIn: the `expires_in` of issued tokens, in seconds.
    ///   - responseDelay: how long each token request takes, to let concurrent callers pile up.
    public static func start(
        clientID: String = "fake-client-id.apps.googleusercontent.com", clientSecret: String = "fake-client-secret",
        refreshToken: String = "1//fake-refresh-token", expiresIn: Int = 3599, responseDelay: Duration = .zero
    ) async throws -> FakeGoogleOAuthServer {
        let endpoint = TokenEndpoint(
            clientID: clientID, clientSecret: clientSecret, refreshToken: refreshToken,
            state: TokenEndpoint.State(expiresIn: expiresIn, responseDelay: responseDelay))
        let router = Router()
        router.post("token") { request, _ in try await endpoint.respond(to: request) }
        return FakeGoogleOAuthServer(server: try await LocalHTTPServer.start(router), endpoint: endpoint)
    }

    private init(server: LocalHTTPServer, endpoint: TokenEndpoint) {
        self.server = server
        self.endpoint = endpoint
    }

    /// Makes the refresh token invalid from now on, as revoking access in the Google account does.
    public func revokeRefreshToken() {
        endpoint.state.withLock { $0.revoked = true }
    }

    /// Changes the `expires_in` of tokens issued from now on.
    public func setExpiresIn(_ seconds: Int) {
        endpoint.state.withLock { $0.expiresIn = seconds }
    }

    /// Stops the server.
    public func shutdown() async {
        await server.shutdown()
    }
}

/// The `/token` handler and what it has seen.
private final class TokenEndpoint: Sendable {
    struct State {
        var tokenRequests = 0
        var issuedTokens = 0
        var revoked = false
        var expiresIn: Int
        var responseDelay: Duration
    }

    let clientID: String
    let clientSecret: String
    let refreshToken: String
    let state: Mutex<State>

    init(clientID: String, clientSecret: String, refreshToken: String, state: State) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.state = Mutex(state)
    }

    func respond(to request: Request) async throws -> Response {
        let (delay, expiresIn, revoked) = state.withLock { state in
            state.tokenRequests += 1
            return (state.responseDelay, state.expiresIn, state.revoked)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return Self.error(.badRequest, "invalid_request", "Invalid Content-Type")
        }
        let body = try await request.body.collect(upTo: 64 << 10)
        guard let form = try? FormURLEncoding.decode(body.readableBytesView) else {
            return Self.error(.badRequest, "invalid_request", "Malformed form body")
        }
        let pairs = form.map { ($0.name, $0.value) }
        let fields = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        guard fields["grant_type"] == "refresh_token" else {
            let grantType = fields["grant_type"] ?? ""
            return Self.error(.badRequest, "unsupported_grant_type", "Invalid grant_type: \(grantType)")
        }
        guard fields["client_id"] == clientID, fields["client_secret"] == clientSecret else {
            return Self.error(.unauthorized, "invalid_client", "The OAuth client was not found.")
        }
        guard !revoked, fields["refresh_token"] == refreshToken else {
            return Self.error(.badRequest, "invalid_grant", "Token has been expired or revoked.")
        }
        let number = state.withLock { state in
            state.issuedTokens += 1
            return state.issuedTokens
        }
        return Self.json(.ok, [
            "access_token": .string("ya29.fake-access-token-\(number)"), "expires_in": .number(Double(expiresIn)),
            "scope": "https://www.googleapis.com/auth/gmail.modify", "token_type": "Bearer",
        ])
    }

    private static func error(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        json(status, ["error": .string(code), "error_description": .string(description)])
    }

    private static func json(_ status: HTTPResponse.Status, _ object: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: object.jsonData)))
    }
}
