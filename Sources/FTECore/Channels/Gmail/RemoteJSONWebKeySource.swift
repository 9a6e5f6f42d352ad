import Foundation

/// Google's signing keys fetched from a JWKS URL (`FTE_GOOGLE_CERTS_URL`, default
/// `https://www.googleapis.com/oauth2/v3/certs`) and cached for the response's `max-age`
/// (one hour when it gives none). A forced refresh (a token names an unknown key) refetches
/// at most once every `minimumRefreshInterval`, so forged `kid`s cannot make it hammer Google.
public actor RemoteJSONWebKeySource: JSONWebKeySource {
    /// Google's JWKS endpoint.
    public static let googleCertsURL = "https://www.googleapis.com/oauth2/v3/certs"

    private let url: String
    private let httpClient: HTTPClient
    private let minimumRefreshInterval: Duration
    private var cached: (keys: JSONWebKeySet, fetched: ContinuousClock.Instant, maxAge: Duration)?
    /// The fetch in progress: callers arriving meanwhile wait for it instead of fetching again.
    private var fetching: Task<(JSONWebKeySet, Duration), any Error>?

    public init(url: String = googleCertsURL, httpClient: HTTPClient, minimumRefreshInterval: Duration = .seconds(30)) {
        self.url = url
        self.httpClient = httpClient
        self.minimumRefreshInterval = minimumRefreshInterval
    }

    public func keySet(forceRefresh: Bool) async throws -> JSONWebKeySet {
        if let cached {
            let age = cached.fetched.duration(to: .now)
            if age < cached.maxAge && (!forceRefresh || age < minimumRefreshInterval) { return cached.keys }
        }
        if let fetching { return try await fetching.value.0 }
        let task = Task { [url, httpClient] in try await Self.fetch(url, httpClient) }
        fetching = task
        defer { fetching = nil }
        let (keys, maxAge) = try await task.value
        cached = (keys, .now, maxAge)
        return keys
    }

    private static func fetch(_ url: String, _ httpClient: HTTPClient) async throws -> (JSONWebKeySet, Duration) {
        let response = try await httpClient.send(HTTPClientRequest(.get, url: url, headers: ["Accept": "application/json"]))
        guard response.isSuccess else {
            throw PushAuthenticationError(.keySetUnavailable, "the JWKS endpoint answered \(response.status)")
        }
        return (try await JSONWebKeySet(json: response.body), maxAge(cacheControl: response.headers["Cache-Control"]))
    }

    /// `max-age` from a Cache-Control header, one hour without one.
    static func maxAge(cacheControl: String?) -> Duration {
        for directive in (cacheControl ?? "").split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = Int(parts[1]), seconds >= 0 {
                return .seconds(seconds)
            }
        }
        return .seconds(3600)
    }
}
