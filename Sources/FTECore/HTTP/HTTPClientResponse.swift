import Foundation

/// A complete HTTP response. Every status code is a response, `4xx` and `5xx` included; only
/// transport failures throw.
public struct HTTPClientResponse: Sendable {
    /// The status code, e.g. `200`.
    public let status: Int
    /// The header fields of the final response (after any redirects followed).
    public let headers: HTTPHeaders
    /// The body, decompressed if the server used a content encoding.
    public let body: Data
    /// Connections this exchange had to open: `0` when it reused a pooled one.
    public let newConnections: Int

    /// A response with the given parts.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data(), newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    /// Whether the status is `2xx`.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Decodes the body as JSON.
    /// - Throws: `DecodingError` when the body is not JSON of that shape.
    public func decodeJSON<Value: Decodable>(
        _ type: Value.Type = Value.self, decoder: JSONDecoder = JSONDecoder()
    ) throws -> Value {
        try decoder.decode(type, from: body)
    }
}
