import FTETestSupport
import Foundation
import Testing
@testable import FTECore

/// Runs `body` with a fresh client and a fresh test server, shutting both down afterwards.
func withHTTPTestServer<Result: Sendable>(
    _ configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
    _ body: (HTTPClient, LocalHTTPServer) async throws -> Result
) async throws -> Result {
    let server = try await HTTPTestRoutes.start()
    let client = HTTPClient(configuration: configuration)
    do {
        let result = try await body(client, server)
        await client.shutdown()
        await server.shutdown()
        return result
    } catch {
        await client.shutdown()
        await server.shutdown()
        throw error
    }
}

@Suite struct HTTPClientTests {
    @Test func getSendsHeadersAndQuery() async throws {
        try await withHTTPTestServer { client, server in
            let request = HTTPClientRequest(url: server.baseURL + "/echo?q=a%20b", headers: ["X-Trace": "t-1"])
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            let echo = try response.decodeJSON(EchoReply.self)
            #expect(echo.method == "GET" && echo.query == "q=a%20b")
            #expect(echo.headers["x-trace"] == "t-1")
            #expect(echo.headers["user-agent"] == "fte/\(FTEVersion.current)")
        }
    }

    @Test func postSendsAJSONBody() async throws {
        struct Item: Codable, Equatable { var name: String; var count: Int }
        try await withHTTPTestServer { client, server in
            var request = HTTPClientRequest(.post, url: server.baseURL + "/echo")
            try request.setJSONBody(Item(name: "ünïcode", count: 3))
            let echo = try await client.send(request).decodeJSON(EchoReply.self)
            #expect(echo.method == "POST")
            #expect(echo.headers["content-type"] == "application/json")
            #expect(echo.headers["expect"] == nil)
            let sent = try JSONDecoder().decode(Item.self, from: Data(echo.body.utf8))
            #expect(sent == Item(name: "ünïcode", count: 3))
        }
    }

    @Test func formBodyAndBasicAuthorization() async throws {
        try await withHTTPTestServer { client, server in
            var request = HTTPClientRequest(.post, url: server.baseURL + "/echo")
            request.setFormBody([FormField("To", "whatsapp:+14155550100"), FormField("Body", "a b&c")])
            request.setBasicAuthorization(user: "user", password: "pass")
            let echo = try await client.send(request).decodeJSON(EchoReply.self)
            #expect(echo.body == "To=whatsapp%3A%2B14155550100&Body=a+b%26c")
            #expect(echo.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(echo.headers["authorization"] == "Basic dXNlcjpwYXNz")
        }
    }

    @Test(arguments: [HTTPClientRequest.Method.put, .patch, .delete])
    func otherMethodsCarryTheirBody(method: HTTPClientRequest.Method) async throws {
        try await withHTTPTestServer { client, server in
            let request = HTTPClientRequest(method, url: server.baseURL + "/echo", body: Data("payload".utf8))
            let echo = try await client.send(request).decodeJSON(EchoReply.self)
            #expect(echo.method == method.rawValue && echo.body == "payload")
        }
    }

    @Test(arguments: [201, 204, 404, 429, 500, 503])
    func statusCodesAreResponsesNotErrors(code: Int) async throws {
        try await withHTTPTestServer { client, server in
            let response = try await client.send(HTTPClientRequest(url: server.baseURL + "/status/\(code)"))
            #expect(response.status == code)
            #expect(response.isSuccess == (200..<300).contains(code))
        }
    }

    @Test func responseHeadersAreCaseInsensitiveAndKeepRepeats() async throws {
        try await withHTTPTestServer { client, server in
            let response = try await client.send(HTTPClientRequest(url: server.baseURL + "/headers"))
            #expect(response.headers["x-request-id"] == "abc-123")
            #expect(response.headers["X-REQUEST-ID"] == "abc-123")
            #expect(response.headers.values(for: "set-cookie") == ["a=1", "b=2"])
        }
    }

    @Test func secondRequestReusesTheConnection() async throws {
        try await withHTTPTestServer { client, server in
            let first = try await client.send(HTTPClientRequest(url: server.baseURL + "/echo"))
            let second = try await client.send(HTTPClientRequest(url: server.baseURL + "/echo"))
            #expect(first.newConnections == 1)
            #expect(second.newConnections == 0)
        }
    }

    @Test func moreConcurrentRequestsThanIdleConnectionsStillReuseTheirConnections() async throws {
        try await withHTTPTestServer(.init(maxConnectionsPerHost: 16, idleConnections: 2)) { client, server in
            var opened: [Int] = []
            for _ in 0..<3 {
                // 16 requests in flight at once, each held 50 ms by the server.
                let round = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<16 {
                        group.addTask { try await client.send(HTTPClientRequest(url: server.baseURL + "/slow?ms=50")).newConnections }
                    }
                    return try await group.reduce(0, +)
                }
                opened.append(round)
            }
            #expect(opened[0] == 16)
            // Before the cache held connections in use, each finished request beyond the 2 idle
            // ones closed its connection, and each later round opened 14 again.
            #expect(opened[1] + opened[2] == 0)
        }
    }

    @Test func twoHundredConcurrentRequestsAllComplete() async throws {
        try await withHTTPTestServer { client, server in
            let replies = try await withThrowingTaskGroup(of: (Int, EchoReply).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let request = HTTPClientRequest(
                            .post, url: server.baseURL + "/echo?n=\(index)", body: Data("body-\(index)".utf8))
                        return (index, try await client.send(request).decodeJSON(EchoReply.self))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(replies.count == 200)
            for (index, reply) in replies {
                #expect(reply.query == "n=\(index)" && reply.body == "body-\(index)")
            }
        }
    }

    @Test func redirectsAreFollowedOnlyWhenAsked() async throws {
        try await withHTTPTestServer { client, server in
            let plain = try await client.send(HTTPClientRequest(url: server.baseURL + "/redirect"))
            #expect(plain.status == 302)
            #expect(plain.headers["location"] == "/echo?redirected=yes")
            let followed = try await client.send(HTTPClientRequest(url: server.baseURL + "/redirect", followRedirects: true))
            #expect(followed.status == 200)
            #expect(try followed.decodeJSON(EchoReply.self).query == "redirected=yes")
        }
    }

    @Test func credentialsStayWithTheOriginalServerOnRedirect() async throws {
        try await withHTTPTestServer { client, server in
            let other = try await HTTPTestRoutes.start()
            let target = FormURLEncoding.encode([FormField("url", other.baseURL + "/echo")])
            var request = HTTPClientRequest(url: server.baseURL + "/redirect-to?\(target)", followRedirects: true)
            request.setBasicAuthorization(user: "AC123", password: "auth-token")
            let echo = try await client.send(request).decodeJSON(EchoReply.self)
            await other.shutdown()
            #expect(echo.method == "GET")
            #expect(echo.headers["authorization"] == nil)
        }
    }

    @Test func redirectLoopIsATypedError() async throws {
        try await withHTTPTestServer { client, server in
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.send(HTTPClientRequest(url: server.baseURL + "/loop", followRedirects: true))
            }
            #expect(error?.reason == .tooManyRedirects)
        }
    }
}
