/// A request that got no HTTP response (HTTP error statuses are responses, not errors).
///
/// Safe to log: the URL is reduced to scheme, host, port and path (no user info, query or
/// fragment), header values are never included, and transport messages are libcurl's fixed
/// texts for the error code.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the request failed.
    public enum Reason: Sendable, Equatable {
        /// The request itself is unusable (bad URL, line break in a header); says what is wrong.
        case invalidRequest(String)
        /// The host name did not resolve.
        case couldNotResolve(host: String)
        /// No connection could be made (refused, unreachable, connect timeout).
        case couldNotConnect(host: String)
        /// The exchange took longer than its timeout.
        case timedOut(after: Duration)
        /// The response body is larger than the limit, in bytes.
        case responseTooLarge(limit: Int)
        /// More redirects than allowed.
        case tooManyRedirects
        /// Another libcurl failure: its `CURLcode` and fixed message.
        case transport(code: Int, message: String)
        /// The client was shut down.
        case shutDown
    }

    /// Why the request failed.
    public let reason: Reason
    /// The request method.
    public let method: String
    /// The request URL without user info, query or fragment.
    public let url: String

    /// An error for a request to `url`, which is redacted here.
    init(_ reason: Reason, method: HTTPClientRequest.Method, url: String) {
        self.reason = reason
        self.method = method.rawValue
        self.url = URLRedaction.redact(url)
    }

    /// Whether sending the same request again may succeed.
    public var isRetriable: Bool {
        switch reason {
        case .couldNotResolve, .couldNotConnect, .timedOut, .transport: return true
        case .invalidRequest, .responseTooLarge, .tooManyRedirects, .shutDown: return false
        }
    }

    public var description: String {
        "HTTP \(method) \(url): " + {
            switch reason {
            case .invalidRequest(let problem): return "invalid request: \(problem)"
            case .couldNotResolve(let host): return "could not resolve host \(host)"
            case .couldNotConnect(let host): return "could not connect to \(host)"
            case .timedOut(let limit): return "timed out after \(limit)"
            case .responseTooLarge(let limit): return "response larger than \(limit) bytes"
            case .tooManyRedirects: return "too many redirects"
            case .transport(let code, let message): return "\(message) (CURLcode \(code))"
            case .shutDown: return "the HTTP client is shut down"
            }
        }()
    }
}
