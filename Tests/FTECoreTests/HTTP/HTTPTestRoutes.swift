import FTECore
import FTETestSupport
import Foundation
import HTTPTypes
import Hummingbird

/// What `/echo` reports about the request it received.
struct EchoReply: Codable, Sendable {
    var method: String
    var query: String
    /// Header names lower-cased; repeated names joined with ", ".
    var headers: [String: String]
    var body: String
}

/// The loopback server the HTTP client tests talk to.
enum HTTPTestRoutes {
    /// Starts a server with the test routes:
    /// `/echo` (any method), `/status/:code`, `/slow?ms=`, `/large?bytes=` (with Content-Length),
    /// `/stream?bytes=` (chunked), `/redirect` (to `/echo`), `/redirect-to?url=`, `/loop` (to itself), `/headers`.
    static func start() async throws -> LocalHTTPServer {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("echo", method: method) { request, _ in try await echo(request) }
        }
        router.get("status/:code") { _, context in
            Response(status: .init(code: try context.parameters.require("code", as: Int.self)))
        }
        router.get("slow") { request, _ in
            try await Task.sleep(for: .milliseconds(request.uri.queryParameters.get("ms", as: Int.self) ?? 0))
            return "finally"
        }
        router.get("large") { request, _ in
            Response(status: .ok, body: .init(byteBuffer: filler(request)))
        }
        router.get("stream") { request, _ in
            let total = request.uri.queryParameters.get("bytes", as: Int.self) ?? 0
            return Response(status: .ok, body: ResponseBody { writer in
                for start in stride(from: 0, to: total, by: 4096) {
                    try await writer.write(ByteBuffer(repeating: UInt8(ascii: "x"), count: min(4096, total - start)))
                }
                try await writer.finish(nil)
            })
        }
        router.get("redirect") { _, _ in
            Response(status: .found, headers: [.location: "/echo?redirected=yes"])
        }
        router.get("redirect-to") { request, _ in
            Response(status: .found, headers: [.location: request.uri.queryParameters.get("url") ?? "/"])
        }
        router.get("loop") { _, _ in
            Response(status: .found, headers: [.location: "/loop"])
        }
        router.get("headers") { _, _ in
            var headers = HTTPFields()
            if let requestID = HTTPField.Name("X-Request-ID") { headers[requestID] = "abc-123" }
            headers.append(HTTPField(name: .setCookie, value: "a=1"))
            headers.append(HTTPField(name: .setCookie, value: "b=2"))
            return Response(status: .ok, headers: headers)
        }
        return try await LocalHTTPServer.start(router)
    }

    private static func echo(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let reply = EchoReply(
            method: request.method.rawValue, query: request.uri.query ?? "", headers: headers,
            body: String(buffer: body))
        let data = try JSONEncoder().encode(reply)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func filler(_ request: Request) -> ByteBuffer {
        ByteBuffer(repeating: UInt8(ascii: "x"), count: request.uri.queryParameters.get("bytes", as: Int.self) ?? 0)
    }
}
