import FTETestSupport
import Foundation
import Testing
@testable import FTECore

@Suite struct OIDCTokenVerifierTests {
    static let audience = "https://fte.example.com/webhooks/gmail"
    static let account = "gmail-push@fte-project.iam.gserviceaccount.com"
    static let issuedAt = Date(timeIntervalSince1970: 1_800_000_000)
    // Key generation is slow: one signer for the whole suite.
    static let signer = try! TestTokenSigner(keyID: "google-key-1")
    static let otherSigner = try! TestTokenSigner(keyID: "google-key-1")

    func verifier(at now: Date = issuedAt.addingTimeInterval(60), email: String? = account) async throws -> OIDCTokenVerifier {
        OIDCTokenVerifier(
            configuration: .init(audience: Self.audience, serviceAccountEmail: email),
            keySource: StaticJSONWebKeySource(try await Self.signer.keySet()), now: { now })
    }

    func claims(_ changes: [String: JSONValue] = [:]) -> [String: JSONValue] {
        TestTokenSigner.pushClaims(audience: Self.audience, email: Self.account, issuedAt: Self.issuedAt)
            .merging(changes) { _, new in new }
    }

    func expectRejection(
        _ token: String, _ code: PushAuthenticationError.Code, status: Int, verifier: OIDCTokenVerifier? = nil
    ) async throws {
        let verifier = if let verifier { verifier } else { try await self.verifier() }
        await #expect {
            try await verifier.verify(token: token)
        } throws: { error in
            let error = error as? PushAuthenticationError
            return error?.code == code && error?.httpStatus == status
        }
    }

    @Test func validTokenPasses() async throws {
        let token = try Self.signer.token(claims: claims())
        let verified = try await verifier().verify(authorizationHeader: "Bearer \(token)")
        #expect(verified.email == Self.account)
        #expect(verified.audiences == [Self.audience])
        #expect(verified.emailVerified)
        // Google's issuer without scheme is accepted too, and any e-mail when none is configured.
        let bare = try Self.signer.token(claims: claims(["iss": "accounts.google.com", "email": "x@example.com"]))
        #expect(try await verifier(email: nil).verify(token: bare).issuer == "accounts.google.com")
    }

    @Test func timeChecksAllowTheClockSkew() async throws {
        let token = try Self.signer.token(claims: claims())
        _ = try await verifier(at: Self.issuedAt.addingTimeInterval(3600 + 59)).verify(token: token)
        _ = try await verifier(at: Self.issuedAt.addingTimeInterval(-59)).verify(token: token)
        try await expectRejection(token, .expired, status: 401, verifier: verifier(at: Self.issuedAt.addingTimeInterval(3661)))
        try await expectRejection(token, .notYetValid, status: 401, verifier: verifier(at: Self.issuedAt.addingTimeInterval(-120)))
    }

    @Test func wrongClaimsAreRejectedWithTheRightStatus() async throws {
        try await expectRejection(Self.signer.token(claims: claims(["aud": "https://other.example/hook"])), .wrongAudience, status: 403)
        try await expectRejection(Self.signer.token(claims: claims(["iss": "https://evil.example"])), .invalidIssuer, status: 401)
        try await expectRejection(Self.signer.token(claims: claims(["email": "someone@else.com"])), .wrongServiceAccount, status: 403)
        try await expectRejection(Self.signer.token(claims: claims(["email_verified": false])), .emailNotVerified, status: 403)
    }

    @Test func forgedAndTamperedTokensAreRejected() async throws {
        // Signed by another key that claims the same kid.
        try await expectRejection(Self.otherSigner.token(claims: claims()), .invalidSignature, status: 401)
        // A payload swapped after signing.
        let genuine = try Self.signer.token(claims: claims()).split(separator: ".")
        let forgedClaims = try Self.signer.token(claims: claims(["aud": "x"])).split(separator: ".")
        try await expectRejection("\(genuine[0]).\(forgedClaims[1]).\(genuine[2])", .invalidSignature, status: 401)
        // Algorithm confusion.
        try await expectRejection(Self.signer.token(claims: claims(), algorithm: "none"), .unsupportedAlgorithm, status: 401)
        try await expectRejection(Self.signer.token(claims: claims(), algorithm: "HS256"), .unsupportedAlgorithm, status: 401)
        let unsigned = "\(genuine[0]).\(genuine[1])."
        try await expectRejection(unsigned, .invalidSignature, status: 401)
    }

    @Test func malformedOrMissingTokensAreRejected() async throws {
        try await expectRejection("abc.def", .malformedToken, status: 401)
        try await expectRejection("e30.e30.e30", .malformedToken, status: 401)
        try await expectRejection("!!.??.**", .malformedToken, status: 401)
        let verifier = try await verifier()
        for header in [nil, "", "Basic dXNlcjpwYXNz", "Bearer "] {
            await #expect(throws: PushAuthenticationError.self) { try await verifier.verify(authorizationHeader: header) }
        }
    }

    @Test func unknownKidRefreshesTheKeySetOnce() async throws {
        let source = RotatingKeySource(first: try await TestTokenSigner(keyID: "old").keySet(), rotated: try await Self.signer.keySet())
        let verifier = OIDCTokenVerifier(
            configuration: .init(audience: Self.audience), keySource: source, now: { Self.issuedAt })
        _ = try await verifier.verify(token: Self.signer.token(claims: claims()))
        #expect(source.refreshCount == 1)
        try await expectRejection(
            Self.signer.token(claims: claims(), keyID: "retired"), .unknownKey, status: 401, verifier: verifier)
        #expect(source.refreshCount == 2)
    }

    @Test func unavailableKeysAnswer503() async throws {
        let verifier = OIDCTokenVerifier(configuration: .init(audience: Self.audience), keySource: FailingKeySource())
        try await expectRejection(Self.signer.token(claims: claims()), .keySetUnavailable, status: 503, verifier: verifier)
    }

    @Test func sharedPushTokenIsComparedExactly() throws {
        let token = try #require(SharedPushToken("s3cret-token"))
        try token.verify("s3cret-token")
        #expect(throws: PushAuthenticationError.self) { try token.verify("s3cret-tokeN") }
        #expect { try token.verify(nil) } throws: { ($0 as? PushAuthenticationError)?.code == .missingToken }
        #expect(SharedPushToken("") == nil)
    }
}
