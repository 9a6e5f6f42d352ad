import CCurl
import Foundation
import Synchronization

/// One libcurl easy handle (`CURL *`) set up for one request, and the response it collects.
///
/// Ownership: `HTTPClient.send` creates it and sets ``continuation`` on the calling task, then
/// hands it to the ``CurlMulti`` thread through that type's locked command queue. From then on
/// only the multi thread touches the handle, the buffers and the continuation; the one field
/// other threads write is the atomic ``cancelRequested``. That hand-over is why this type is
/// `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    /// The easy handle; valid until `deinit`.
    let handle: UnsafeMutableRawPointer
    /// Set by a cancelled task; checked by the multi thread before it adds the handle.
    let cancelRequested = Atomic<Bool>(false)
    /// Resumed exactly once, by ``finish(_:)``.
    var continuation: CheckedContinuation<HTTPClientResponse, any Error>?

    private let request: HTTPClientRequest
    private let options: CurlTransferOptions
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var responseHeaders = HTTPHeaders()
    private var responseBody = Data()
    private var exceededSizeLimit = false

    /// Creates and configures the easy handle for `request`.
    /// - Throws: ``HTTPClientError`` `invalidRequest` for an unusable URL or header.
    init(request: HTTPClientRequest, options: CurlTransferOptions) throws(HTTPClientError) {
        CurlGlobal.initialize()
        guard let handle = curl_easy_init() else {
            throw HTTPClientError(.transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory"),
                method: request.method, url: request.url)
        }
        self.handle = handle
        self.request = request
        self.options = options
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    /// Completes the request with libcurl's result for it and releases the caller.
    func finish(_ code: CURLcode) {
        finish(result(for: code))
    }

    /// Completes the request with `result` (used for cancellation and shutdown).
    func finish(_ result: Result<HTTPClientResponse, any Error>) {
        continuation?.resume(with: result)
        continuation = nil
    }

    /// An error about this transfer's request.
    func error(_ reason: HTTPClientError.Reason) -> HTTPClientError {
        HTTPClientError(reason, method: request.method, url: request.url)
    }

    // MARK: Receiving (called by libcurl on the multi thread)

    /// Appends body bytes; returning less than `bytes.count` makes libcurl abort the transfer.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard responseBody.count + bytes.count <= options.maxResponseSize else {
            exceededSizeLimit = true
            return 0
        }
        responseBody.append(contentsOf: bytes)
        return bytes.count
    }

    /// Records one header line; a status line starts a new response (redirect, `100 Continue`).
    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            responseHeaders = HTTPHeaders()
            responseBody = Data()
        } else if line.first == " " || line.first == "\t" {
            responseHeaders.appendToLastValue(line.trimmingWhitespace())
        } else if let colon = line.firstIndex(of: ":") {
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            responseHeaders.add(name: String(line[..<colon]), value: value)
        }
    }

    // MARK: Results

    private func result(for code: CURLcode) -> Result<HTTPClientResponse, any Error> {
        switch code {
        case CURLE_OK:
            return .success(HTTPClientResponse(
                status: info(CURLINFO_RESPONSE_CODE), headers: responseHeaders, body: responseBody,
                newConnections: info(CURLINFO_NUM_CONNECTS)))
        case CURLE_OPERATION_TIMEDOUT:
            var connectMicroseconds: curl_off_t = 0
            _ = fte_curl_getinfo_off_t(handle, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
            return .failure(connectMicroseconds == 0
                ? error(.couldNotConnect(host: URLRedaction.host(of: request.url)))
                : error(.timedOut(after: options.timeout)))
        case CURLE_COULDNT_CONNECT:
            return .failure(error(.couldNotConnect(host: URLRedaction.host(of: request.url))))
        case CURLE_COULDNT_RESOLVE_HOST:
            return .failure(error(.couldNotResolve(host: URLRedaction.host(of: request.url))))
        case CURLE_FILESIZE_EXCEEDED:
            return .failure(error(.responseTooLarge(limit: options.maxResponseSize)))
        case CURLE_WRITE_ERROR where exceededSizeLimit:
            return .failure(error(.responseTooLarge(limit: options.maxResponseSize)))
        case CURLE_TOO_MANY_REDIRECTS:
            return .failure(error(.tooManyRedirects))
        default:
            return .failure(error(.transport(code: Int(code.rawValue), message: CurlGlobal.message(for: code))))
        }
    }

    private func info(_ item: CURLINFO) -> Int {
        var value = 0
        _ = fte_curl_getinfo_long(handle, item, &value)
        return value
    }

    // MARK: Setup

    private func configure() throws(HTTPClientError) {
        try set(CURLOPT_URL, string: try validatedURL())
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TIMEOUT_MS, CurlTransferOptions.milliseconds(options.timeout))
        try set(CURLOPT_CONNECTTIMEOUT_MS, CurlTransferOptions.milliseconds(options.connectTimeout))
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, max(0, request.maxRedirects))
        try set(CURLOPT_USERAGENT, string: options.userAgent)
        try set(CURLOPT_ACCEPT_ENCODING, string: "")
        try check(fte_curl_setopt_int64(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseSize)))
        try configureMethodAndBody()
        try configureHeaders()
        try configureCallbacks()
    }

    private func validatedURL() throws(HTTPClientError) -> String {
        guard let components = URLComponents(string: request.url),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { throw error(.invalidRequest("the URL must be an absolute http or https URL")) }
        return request.url
    }

    private func configureMethodAndBody() throws(HTTPClientError) {
        switch request.method {
        case .get where request.body == nil: try set(CURLOPT_HTTPGET, 1)
        case .head: try set(CURLOPT_NOBODY, 1)
        case .post: try set(CURLOPT_POST, 1)
        default: try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
        guard let body = request.body, request.method != .head else { return }
        try check(fte_curl_setopt_int64(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        // COPYPOSTFIELDS copies the bytes now, so the body need not outlive this call.
        let code = body.isEmpty
            ? "".withCString { fte_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, $0) }
            : body.withUnsafeBytes { fte_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        try check(code)
    }

    private func configureHeaders() throws(HTTPClientError) {
        var lines: [String] = []
        for field in request.headers {
            guard !field.name.isEmpty, !field.name.contains(where: { $0 == ":" || $0.isWhitespace || $0.isNewline })
            else { throw error(.invalidRequest("a header name is empty or contains ':' or whitespace")) }
            guard !field.value.contains(where: { $0.isNewline || $0 == "\0" })
            else { throw error(.invalidRequest("the value of header \(field.name) contains a line break")) }
            // libcurl reads "Name:" as "remove that header" and "Name;" as "send it empty".
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // No `Expect: 100-continue` round trip before bodies, unless asked for.
        if request.headers["Expect"] == nil { lines.append("Expect:") }
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else {
                throw error(.transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory"))
            }
            headerList = list
        }
        try check(fte_curl_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList))
    }

    private func configureCallbacks() throws(HTTPClientError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(fte_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, context))
        try check(fte_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, context))
        try check(fte_curl_setopt_write_fn(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        try check(fte_curl_setopt_header_fn(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(fte_curl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, string value: String) throws(HTTPClientError) {
        // libcurl copies string options, so the temporary C string may go away after the call.
        try check(value.withCString { fte_curl_setopt_ptr(handle, option, $0) })
    }

    private func check(_ code: CURLcode) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw error(.transport(code: Int(code.rawValue), message: CurlGlobal.message(for: code)))
        }
    }
}
