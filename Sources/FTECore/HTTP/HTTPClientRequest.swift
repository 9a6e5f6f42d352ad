import Foundation

/// An HTTP request for ``HTTPClient``.
///
/// Options left `nil` take the client's defaults (``HTTPClient/Configuration``). Redirects are
/// not followed unless ``followRedirects`` is set; when they are, libcurl drops an explicit
/// `Authorization` header on a redirect to another host, so credentials never leak there.
public struct HTTPClientRequest: Sendable {
    /// An HTTP method.
    public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The method token as sent, e.g. `GET`.
        public let rawValue: String
        /// The method called `rawValue` (upper case by convention).
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `GET`.
        public static let get = Method(rawValue: "GET")
        /// `HEAD`: the response has headers only.
        public static let head = Method(rawValue: "HEAD")
        /// `POST`.
        public static let post = Method(rawValue: "POST")
        /// `PUT`.
        public static let put = Method(rawValue: "PUT")
        /// `PATCH`.
        public static let patch = Method(rawValue: "PATCH")
        /// `DELETE`.
        public static let delete = Method(rawValue: "DELETE")

        public var description: String { rawValue }
    }

    /// The method, `GET` by default.
    public var method: Method
    /// The absolute `http` or `https` URL, query included.
    public var url: String
    /// Header fields to send; libcurl adds `Host`, `Content-Length` and `Accept-Encoding`.
    public var headers: HTTPHeaders
    /// The request body, if any.
    public var body: Data?
    /// Limit on the whole exchange (connect, send, receive), or the client default.
    public var timeout: Duration?
    /// Limit on establishing the connection, or the client default.
    public var connectTimeout: Duration?
    /// Largest response body accepted, in bytes, or the client default.
    public var maxResponseSize: Int?
    /// Whether to follow `3xx` redirects (at most ``maxRedirects``); off by default.
    public var followRedirects: Bool
    /// Most redirects followed when ``followRedirects`` is on.
    public var maxRedirects: Int

    /// A request for `url`.
    public init(
        _ method: Method = .get, url: String, headers: HTTPHeaders = [:], body: Data? = nil,
        timeout: Duration? = nil, followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = nil
        self.maxResponseSize = nil
        self.followRedirects = followRedirects
        self.maxRedirects = 5
    }

    /// Sets `Authorization: Basic …` for `user` and `password` (RFC 7617, UTF-8).
    public mutating func setBasicAuthorization(user: String, password: String) {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        headers.replaceOrAdd(name: "Authorization", value: "Basic \(credentials)")
    }

    /// Sets `Authorization: Bearer <token>`.
    public mutating func setBearerToken(_ token: String) {
        headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
    }

    /// Sets the body to `value` as JSON and `Content-Type: application/json`.
    /// - Throws: `EncodingError` when `value` cannot be encoded.
    public mutating func setJSONBody(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws {
        body = try encoder.encode(value)
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
    }

    /// Sets the body to `fields`, form-encoded, and `Content-Type: application/x-www-form-urlencoded`.
    public mutating func setFormBody(_ fields: [FormField]) {
        body = Data(FormURLEncoding.encode(fields).utf8)
        headers.replaceOrAdd(name: "Content-Type", value: FormURLEncoding.contentType)
    }
}
