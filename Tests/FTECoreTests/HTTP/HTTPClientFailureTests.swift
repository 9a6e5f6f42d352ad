import FTETestSupport
import Foundation
import Testing
@testable import FTECore

@Suite struct HTTPClientFailureTests {
    /// A loopback port nothing listens on: a test server's, after it stopped.
    static func closedPort() async throws -> Int {
        let server = try await HTTPTestRoutes.start()
        await server.shutdown()
        return server.port
    }

    @Test func slowServerTimesOutPromptly() async throws {
        try await withHTTPTestServer { client, server in
            let started = ContinuousClock.now
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.send(HTTPClientRequest(url: server.baseURL + "/slow?ms=15000", timeout: .milliseconds(200)))
            }
            #expect(error?.reason == .timedOut(after: .milliseconds(200)))
            #expect(ContinuousClock.now - started < .seconds(5), "well before the 15 s answer")
        }
    }

    @Test func clientDefaultTimeoutApplies() async throws {
        try await withHTTPTestServer(HTTPClient.Configuration(timeout: .milliseconds(150))) { client, server in
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.send(HTTPClientRequest(url: server.baseURL + "/slow?ms=3000"))
            }
            #expect(error?.reason == .timedOut(after: .milliseconds(150)))
            #expect(error?.isRetriable == true)
        }
    }

    @Test func closedPortCannotConnect() async throws {
        let port = try await Self.closedPort()
        let client = HTTPClient()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/echo"))
        }
        #expect(error?.reason == .couldNotConnect(host: "127.0.0.1"))
        await client.shutdown()
    }

    @Test func errorsNeverCarrySecrets() async throws {
        let port = try await Self.closedPort()
        let client = HTTPClient()
        var request = HTTPClientRequest(url: "http://sid:pw-SECRET1@127.0.0.1:\(port)/v1/messages?api_key=SECRET2#SECRET3")
        request.setBearerToken("SECRET4")
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(request) }
        let text = "\(String(describing: error)) \(String(reflecting: error))"
        #expect(error?.url == "http://127.0.0.1:\(port)/v1/messages")
        #expect(text.contains("/v1/messages"))
        for secret in ["SECRET1", "SECRET2", "SECRET3", "SECRET4", "api_key", "Bearer"] {
            #expect(!text.contains(secret), "error text leaks \(secret): \(text)")
        }
        await client.shutdown()
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await withHTTPTestServer { client, server in
            let started = ContinuousClock.now
            let task = Task { try await client.send(HTTPClientRequest(url: server.baseURL + "/slow?ms=20000")) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(8), "well before the 20 s answer")
            // The client keeps working afterwards.
            #expect(try await client.send(HTTPClientRequest(url: server.baseURL + "/echo")).status == 200)
        }
    }

    @Test func alreadyCancelledTaskNeverSends() async throws {
        try await withHTTPTestServer { client, server in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.send(HTTPClientRequest(url: server.baseURL + "/slow?ms=5000"))
            }
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }

    @Test(arguments: ["large", "stream"])
    func responseBeyondTheLimitIsRejected(route: String) async throws {
        try await withHTTPTestServer(HTTPClient.Configuration(maxResponseSize: 10_000)) { client, server in
            let fits = try await client.send(HTTPClientRequest(url: server.baseURL + "/\(route)?bytes=10000"))
            #expect(fits.body.count == 10_000)
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.send(HTTPClientRequest(url: server.baseURL + "/\(route)?bytes=200000"))
            }
            #expect(error?.reason == .responseTooLarge(limit: 10_000))
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "/relative/path", "http://", "not a url"])
    func unusableURLsAreInvalidRequests(url: String) async {
        let client = HTTPClient()
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(HTTPClientRequest(url: url)) }
        #expect(error?.reason == .invalidRequest("the URL must be an absolute http or https URL"))
        await client.shutdown()
    }

    @Test func headerLineBreaksAreRejected() async {
        let client = HTTPClient()
        let request = HTTPClientRequest(url: "http://127.0.0.1:9/", headers: ["X-Injected": "a\r\nHost: evil"])
        let error = await #expect(throws: HTTPClientError.self) { try await client.send(request) }
        #expect(error?.reason == .invalidRequest("the value of header X-Injected contains a line break"))
        await client.shutdown()
    }

    @Test func requestsAfterShutdownFail() async throws {
        let client = HTTPClient()
        await client.shutdown()
        await client.shutdown()  // Idempotent.
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(url: "http://127.0.0.1:9/"))
        }
        #expect(error?.reason == .shutDown)
    }
}
