import FTECore
import MCP
import Testing

@testable import FTEMCP

@Suite struct HTTPAccessPolicyTests {
    private let token = AdminToken("s3cret")!

    private func policy(host: String = "127.0.0.1", origins: [String] = [], port: Int? = 8765) -> HTTPAccessPolicy {
        let bound = BoundPort()
        if let port { bound.set(port) }
        return HTTPAccessPolicy(token: token, host: host, allowedOrigins: origins, port: bound)
    }

    private func status(_ policy: HTTPAccessPolicy, _ headers: [String: String]) -> Int? {
        policy.validate(MCP.HTTPRequest(method: "POST", headers: headers), context: HTTPValidationContext(httpMethod: "POST"))?.statusCode
    }

    private let bearer = ["Authorization": "Bearer s3cret"]

    @Test func theBearerTokenIsRequired() {
        let loopback = policy()
        #expect(status(loopback, bearer) == nil)
        #expect(status(loopback, ["authorization": "bearer s3cret"]) == nil, "header and scheme in any case")
        // RFC 6750: one or more spaces after the scheme; RFC 9110: a field value has no surrounding whitespace.
        #expect(status(loopback, ["Authorization": "Bearer  s3cret "]) == nil)
        for wrong in [[:], ["Authorization": "Bearer s3cre"], ["Authorization": "Bearer s3cret2"], ["Authorization": "s3cret"],
                      ["Authorization": "Basic s3cret"], ["Authorization": "Bearer"], ["Authorization": ""]] {
            #expect(status(loopback, wrong) == 401, "\(wrong)")
        }
        let refusal = loopback.validate(MCP.HTTPRequest(method: "POST"), context: HTTPValidationContext(httpMethod: "POST"))
        #expect(refusal?.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test func browsersFromOtherOriginsAreRefused() {
        let loopback = policy(origins: ["https://desk.example.com/"])
        for own in ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "HTTP://LOCALHOST:8765/"] {
            #expect(status(loopback, bearer.merging(["Origin": own]) { $1 }) == nil, "\(own)")
        }
        #expect(status(loopback, bearer.merging(["Origin": "https://DESK.example.com"]) { $1 }) == nil, "allowed with --allow-origin")
        for foreign in ["http://evil.example", "http://127.0.0.1:8766", "http://localhost", "https://localhost:8765", "null",
                        "http://127.0.0.1.evil.example:8765", "http://desk.example.com"] {
            #expect(status(loopback, bearer.merging(["Origin": foreign]) { $1 }) == 403, "\(foreign)")
        }
        // Before the port is known nothing but the allowed origins passes.
        #expect(status(policy(port: nil), bearer.merging(["Origin": "http://127.0.0.1:8765"]) { $1 }) == 403)
    }

    @Test func onLoopbackTheHostMustBeLoopback() {
        let loopback = policy()
        for host in ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.2", "LOCALHOST", "app.localhost:8765"] {
            #expect(status(loopback, bearer.merging(["Host": host]) { $1 }) == nil, "\(host)")
        }
        for host in ["evil.example:8765", "127.0.0.1.nip.io:8765", "10.0.0.1:8765", "[::2]:8765", "127.0.0.256", ""] {
            #expect(status(loopback, bearer.merging(["Host": host]) { $1 }) == 421, "\(host)")
        }
        // Bound to every interface (behind a proxy), any Host is fine; the token still is not optional.
        let everywhere = policy(host: "0.0.0.0")
        #expect(status(everywhere, bearer.merging(["Host": "mcp.example.com"]) { $1 }) == nil)
        #expect(status(everywhere, ["Host": "mcp.example.com"]) == 401)
        #expect(status(everywhere, bearer.merging(["Origin": "http://127.0.0.1:8765"]) { $1 }) == 403)
    }

    @Test func loopbackNames() {
        #expect(HTTPAccessPolicy.isLoopback("127.0.0.1") && HTTPAccessPolicy.isLoopback("::1") && HTTPAccessPolicy.isLoopback("[::1]"))
        #expect(!HTTPAccessPolicy.isLoopback("0.0.0.0") && !HTTPAccessPolicy.isLoopback("::") && !HTTPAccessPolicy.isLoopback("128.0.0.1"))
        #expect(HTTPAccessPolicy.hostName(inAuthority: "[::1]:80") == "[::1]")
        #expect(HTTPAccessPolicy.hostName(inAuthority: "localhost") == "localhost")
    }
}
