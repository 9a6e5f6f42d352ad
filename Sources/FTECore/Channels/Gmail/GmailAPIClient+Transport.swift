import Foundation

extension GmailAPIClient {
    /// Sends one call to `users/me/<path>` with a bearer token, retrying once with a fresh token
    /// after a 401, and maps error statuses to ``GmailAPIError``.
    /// - Parameter specialStatus: the error for a status that means something specific to the call.
    func send(
        _ method: HTTPClientRequest.Method, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        call: String, specialStatus: (Int) -> GmailAPIError.Reason? = { _ in nil }
    ) async throws -> HTTPClientResponse {
        var url = "\(baseURL)/users/me/\(path)"
        if !query.isEmpty { url += "?" + FormURLEncoding.encode(query.map { FormField($0.0, $0.1) }) }
        var request = HTTPClientRequest(method, url: url, headers: ["Accept": "application/json"])
        if let body {
            request.body = body
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        }
        var response: HTTPClientResponse
        var attempt = 0
        repeat {
            attempt += 1
            let token = try await tokens.accessToken()
            request.setBearerToken(token)
            response = try await httpClient.send(request)
            if response.status == 401 { await tokens.invalidate(token) }
        } while response.status == 401 && attempt < 2
        guard !response.isSuccess else { return response }
        throw GmailAPIError(
            Self.reason(for: response, special: specialStatus(response.status)), call: call,
            retryAfter: response.retryAfter())
    }

    /// Decodes a 2xx body as `type`.
    /// - Throws: ``GmailAPIError`` `malformedResponse`.
    func decode<Value: Decodable>(_ type: Value.Type, _ response: HTTPClientResponse, call: String) throws -> Value {
        do {
            return try response.decodeJSON(type)
        } catch {
            throw GmailAPIError(.malformedResponse(error.shortDescription), call: call)
        }
    }

    /// `id` percent-encoded for use as one path segment.
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
    }

    private static func reason(
        for response: HTTPClientResponse, special: GmailAPIError.Reason?
    ) -> GmailAPIError.Reason {
        if let special { return special }
        let detail = try? response.decodeJSON(GmailWire.ErrorBody.self).error
        let reason = detail?.errors?.first?.reason ?? detail?.status
        switch (response.status, reason) {
        case (401, _): return .unauthorized
        case (429, _), (403, "rateLimitExceeded"), (403, "userRateLimitExceeded"):
            return .rateLimited(status: response.status)
        default: return .failed(status: response.status, reason: reason)
        }
    }
}
