import FTETestSupport
import Foundation
import Synchronization
import Testing
@testable import FTECore

/// A clock tests move forward by hand.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(by duration: Duration) { instant.withLock { $0 += duration } }
}

@Suite struct GoogleAccessTokenProviderTests {
    /// Runs `body` with a fake token endpoint, a client, and a provider with a manual clock and
    /// the fake's credentials, except where `clientSecret` or `refreshToken` override them.
    func withProvider(
        responseDelay: Duration = .zero, clientSecret: String? = nil, refreshToken: String? = nil,
        tokenPath: String = "/token",
        _ body: (GoogleAccessTokenProvider, FakeGoogleOAuthServer, ManualClock) async throws -> Void
    ) async throws {
        let fake = try await FakeGoogleOAuthServer.start(responseDelay: responseDelay)
        let client = HTTPClient()
        let clock = ManualClock()
        let credentials = GoogleOAuthCredentials(
            clientID: fake.clientID, clientSecret: clientSecret ?? fake.clientSecret,
            refreshToken: refreshToken ?? fake.refreshToken)
        let provider = GoogleAccessTokenProvider(
            credentials: credentials, tokenURL: fake.tokenURL.replacingOccurrences(of: "/token", with: tokenPath),
            httpClient: client, now: { clock.now })
        do {
            try await body(provider, fake, clock)
        } catch {
            Issue.record(error)
        }
        await client.shutdown()
        await fake.shutdown()
    }

    @Test func fiftyConcurrentCallersShareOneRefresh() async throws {
        try await withProvider(responseDelay: .milliseconds(200)) { provider, fake, _ in
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 { group.addTask { try await provider.accessToken() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens == ["ya29.fake-access-token-1"])
            #expect(fake.tokenRequestCount == 1)
            #expect(try await provider.accessToken() == "ya29.fake-access-token-1")
            #expect(fake.tokenRequestCount == 1)
        }
    }

    @Test func tokenIsRenewedShortlyBeforeItExpires() async throws {
        try await withProvider { provider, fake, clock in
            let first = try await provider.accessToken()
            #expect(first == "ya29.fake-access-token-1")
            clock.advance(by: .seconds(3500))  // expires_in 3599, margin 60: still usable.
            #expect(try await provider.accessToken() == "ya29.fake-access-token-1")
            clock.advance(by: .seconds(60))  // Inside the margin.
            #expect(try await provider.accessToken() == "ya29.fake-access-token-2")
            #expect(fake.tokenRequestCount == 2)
        }
    }

    @Test func invalidatedTokenIsReplaced() async throws {
        try await withProvider { provider, fake, _ in
            let first = try await provider.accessToken()
            await provider.invalidate("some-older-token")
            #expect(try await provider.accessToken() == first)
            await provider.invalidate(first)
            #expect(try await provider.accessToken() == "ya29.fake-access-token-2")
            #expect(fake.tokenRequestCount == 2)
        }
    }

    @Test func wrongRefreshTokenIsInvalidGrantWithoutSecrets() async throws {
        try await withProvider(refreshToken: "1//S3CRET") { provider, _, _ in
            let error = await #expect(throws: GoogleOAuthError.self) { try await provider.accessToken() }
            #expect(error?.isInvalidGrant == true)
            #expect(error?.reason == .rejected(
                status: 400, error: "invalid_grant", description: "Token has been expired or revoked."))
            #expect(error.map { "\($0)" }?.contains("S3CRET") == false)
        }
    }

    @Test func wrongClientIsInvalidClient() async throws {
        try await withProvider(clientSecret: "S3CRET") { provider, _, _ in
            let error = await #expect(throws: GoogleOAuthError.self) { try await provider.accessToken() }
            #expect(error?.reason == .rejected(
                status: 401, error: "invalid_client", description: "The OAuth client was not found."))
            #expect(error?.isInvalidGrant == false)
        }
    }

    @Test func revokedRefreshTokenFailsAtTheNextRenewal() async throws {
        try await withProvider { provider, fake, clock in
            _ = try await provider.accessToken()
            fake.revokeRefreshToken()
            clock.advance(by: .seconds(3600))
            let error = await #expect(throws: GoogleOAuthError.self) { try await provider.accessToken() }
            #expect(error?.isInvalidGrant == true)
            // A failed refresh is not cached: the next call asks again.
            await #expect(throws: GoogleOAuthError.self) { try await provider.accessToken() }
            #expect(fake.tokenRequestCount == 3)
        }
    }

    @Test func nonOAuthAnswerIsMalformed() async throws {
        try await withProvider(tokenPath: "/not-the-token-endpoint") { provider, _, _ in
            let error = await #expect(throws: GoogleOAuthError.self) { try await provider.accessToken() }
            #expect(error?.reason == .malformedResponse(status: 404))
        }
    }

    @Test func serverTextIsScrubbedOfSecrets() {
        let credentials = GoogleOAuthCredentials(clientID: "id", clientSecret: "cs-42", refreshToken: "1//rt-42")
        #expect(credentials.redacting("bad token 1//rt-42 for cs-42") == "bad token <redacted> for <redacted>")
    }

    @Test func credentialsComeFromTheEnvironment() throws {
        let environment = [
            "FTE_GMAIL_CLIENT_ID": "id", "FTE_GMAIL_CLIENT_SECRET": "secret", "FTE_GMAIL_REFRESH_TOKEN": "",
        ]
        #expect(throws: GoogleOAuthError(.missingSetting("FTE_GMAIL_REFRESH_TOKEN"))) {
            try GoogleOAuthCredentials(environment: environment)
        }
        var complete = environment
        complete["FTE_GMAIL_REFRESH_TOKEN"] = "rt"
        let credentials = try GoogleOAuthCredentials(environment: complete)
        #expect(credentials.refreshToken == "rt" && credentials.clientSecret == "secret")
        #expect(!"\(credentials)".contains("secret") && !"\(credentials)".contains("rt)"))
        #expect(GoogleAccessTokenProvider.tokenURL(environment: [:]) == "https://oauth2.googleapis.com/token")
        #expect(GoogleAccessTokenProvider.tokenURL(environment: ["FTE_GOOGLE_OAUTH_URL": "http://x/t"]) == "http://x/t")
    }
}
