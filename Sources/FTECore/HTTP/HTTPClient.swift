/// An HTTP/1.1 and HTTP/2 client on libcurl, for the LLM, embeddings, Gmail, Twilio and OAuth
/// calls.
///
/// One libcurl multi handle, driven by one dedicated thread, runs every transfer; connections
/// are pooled per host and reused. Each request has a total and a connect timeout and a limit on
/// the response size. Cancelling the calling task aborts the transfer. Call ``shutdown()`` when
/// done; a client that is released without it stops its thread on its own.
///
/// ```swift
/// let client = HTTPClient()
/// var request = HTTPClientRequest(.post, url: "https://api.example.com/v1/items")
/// try request.setJSONBody(item)
/// let response = try await client.send(request)
/// let created: Item = try response.decodeJSON()
/// ```
public final class HTTPClient: Sendable {
    /// Defaults for every request, and the connection pool's limits.
    public struct Configuration: Sendable {
        /// Limit on a whole exchange; a request may set its own. Default 30 s.
        public var timeout: Duration
        /// Limit on establishing a connection; a request may set its own. Default 10 s.
        public var connectTimeout: Duration
        /// Largest response body accepted, in bytes; a request may set its own. Default 8 MiB.
        public var maxResponseSize: Int
        /// Most simultaneous connections to one host; further requests wait for one. Default 32.
        public var maxConnectionsPerHost: Int
        /// Most idle connections kept open for reuse. Default 64; never fewer than
        /// ``maxConnectionsPerHost``, so connections are reused under full load.
        public var idleConnections: Int
        /// The `User-Agent` header.
        public var userAgent: String

        /// A configuration with the defaults above, changed where given.
        public init(
            timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
            maxResponseSize: Int = 8 << 20, maxConnectionsPerHost: Int = 32, idleConnections: Int = 64,
            userAgent: String = "fte/\(FTEVersion.current)"
        ) {
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maxResponseSize = maxResponseSize
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.idleConnections = idleConnections
            self.userAgent = userAgent
        }
    }

    /// The defaults this client applies.
    public let configuration: Configuration
    private let multi: CurlMulti

    /// Starts a client (and its transfer thread).
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        multi = CurlMulti(
            maxConnectionsPerHost: configuration.maxConnectionsPerHost,
            idleConnections: configuration.idleConnections)
    }

    deinit {
        multi.requestShutdown()
    }

    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPClientError`` when no response arrived (bad request, no connection,
    ///   timeout, response too large, shut down); `CancellationError` when the task was cancelled.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let transfer = try CurlTransfer(
            request: request, options: CurlTransferOptions(request: request, configuration: configuration))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                if !multi.submit(transfer) {
                    transfer.finish(.failure(transfer.error(.shutDown)))
                }
            }
        } onCancel: {
            multi.cancel(transfer)
        }
    }

    /// Stops the transfer thread; requests still running fail with `shutDown`, later ones too.
    public func shutdown() async {
        await multi.shutdown()
    }
}
