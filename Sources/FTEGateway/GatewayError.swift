import FTECore
import Foundation
import HTTPTypes
import Hummingbird

/// An error answered with a JSON body `{"error": …, "fields": {…}}` and a safe message: never
/// a stack trace, a secret or a customer's data.
struct GatewayError: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var fields: [String: String]?
    var headers: HTTPFields = [:]

    private struct Body: Encodable {
        var error: String
        var fields: [String: String]?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponses.encode(Body(error: message, fields: fields), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    static func notFound(_ what: String) -> GatewayError {
        GatewayError(status: .notFound, message: "\(what) not found")
    }

    static func badRequest(_ message: String) -> GatewayError {
        GatewayError(status: .badRequest, message: message)
    }

    /// The queue cannot take the event now: 503 with Retry-After so the sender comes back.
    static func queueUnavailable(retryAfter seconds: Int) -> GatewayError {
        GatewayError(
            status: .serviceUnavailable, message: "we cannot take requests right now; please retry shortly",
            headers: [.retryAfter: String(seconds)])
    }
}

/// JSON response helpers shared by the controllers.
enum JSONResponses {
    static let encoder = JSONEncoder.records()

    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
