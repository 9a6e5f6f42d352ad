import CCurl

/// Process-wide libcurl state.
enum CurlGlobal {
    /// `curl_global_init` must run once before any handle is made, and not concurrently with
    /// other libcurl calls: a lazily initialised static gives exactly that.
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// Runs `curl_global_init` if it has not run yet.
    static func initialize() {
        _ = initialized
    }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 …`.
    static var version: String { String(cString: curl_version()) }

    /// libcurl's fixed text for `code` (never request data, so safe in errors).
    static func message(for code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "libcurl error" }
        return String(cString: text)
    }
}

/// The limits and defaults one transfer runs with: the request's own settings, else the client's.
struct CurlTransferOptions: Sendable {
    var timeout: Duration
    var connectTimeout: Duration
    var maxResponseSize: Int
    var userAgent: String

    /// The options for `request` under the client `configuration`.
    init(request: HTTPClientRequest, configuration: HTTPClient.Configuration) {
        timeout = request.timeout ?? configuration.timeout
        connectTimeout = request.connectTimeout ?? configuration.connectTimeout
        maxResponseSize = max(0, request.maxResponseSize ?? configuration.maxResponseSize)
        userAgent = configuration.userAgent
    }

    /// `duration` in whole milliseconds, at least 1 (libcurl reads 0 as "no limit").
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
        guard !milliseconds.overflow else { return Int.max }
        return max(1, Int(milliseconds.partialValue) + Int(attoseconds / 1_000_000_000_000_000))
    }
}
