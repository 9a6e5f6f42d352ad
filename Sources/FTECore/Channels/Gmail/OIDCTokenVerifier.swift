import Foundation
import JWTKit

/// Verifies the OIDC ID token Google attaches to Pub/Sub push requests
/// (`Authorization: Bearer <JWT>`): RS256 only, signature by the key whose `kid` matches (the
/// key set is refreshed once when the `kid` is unknown), Google's issuer, the configured
/// audience, the push service account with a verified e-mail, and `exp`/`iat`/`nbf` within the
/// allowed clock skew.
///
/// jwt-kit splits and decodes the token and verifies its signature; this type picks the key,
/// checks the claims against its configuration and clock, and maps every failure to a
/// ``PushAuthenticationError`` (which says what the gateway answers).
public struct OIDCTokenVerifier: Sendable {
    /// What a token must claim.
    public struct Configuration: Sendable {
        /// Google's issuers, with and without scheme.
        public static let googleIssuers: Set<String> = ["https://accounts.google.com", "accounts.google.com"]

        /// The subscription's `oidcToken.audience` (by default the push endpoint URL); case-sensitive.
        public var audience: String
        /// The subscription's `oidcToken.serviceAccountEmail`, which the token's `email` must
        /// match with `email_verified` true; nil skips the e-mail checks.
        public var serviceAccountEmail: String?
        public var issuers: Set<String>
        /// How far `exp`, `iat` and `nbf` may be off.
        public var clockSkew: TimeInterval

        public init(
            audience: String, serviceAccountEmail: String? = nil, issuers: Set<String> = googleIssuers,
            clockSkew: TimeInterval = 60
        ) {
            self.audience = audience
            self.serviceAccountEmail = serviceAccountEmail
            self.issuers = issuers
            self.clockSkew = clockSkew
        }
    }

    public let configuration: Configuration
    private let keySource: any JSONWebKeySource
    private let now: @Sendable () -> Date

    /// - Parameter now: the clock (injectable for tests).
    public init(
        configuration: Configuration, keySource: any JSONWebKeySource, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.keySource = keySource
        self.now = now
    }

    /// Verifies the token in an `Authorization` header value (`Bearer <JWT>`).
    /// - Throws: ``PushAuthenticationError``; ``PushAuthenticationError/httpStatus`` gives the answer.
    public func verify(authorizationHeader: String?) async throws(PushAuthenticationError) -> OIDCClaims {
        guard let token = BearerCredentials.token(fromAuthorization: authorizationHeader).map(String.init) else {
            throw PushAuthenticationError(.missingToken, "the request has no Authorization: Bearer token")
        }
        return try await verify(token: token)
    }

    /// Verifies a compact JWT and returns its claims.
    /// - Throws: ``PushAuthenticationError`` naming the first check that failed.
    public func verify(token: String) async throws(PushAuthenticationError) -> OIDCClaims {
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse(Array(token.utf8), as: OIDCClaims.self).header
        } catch {
            throw PushAuthenticationError(.malformedToken, "the token is malformed (\(Self.reason(error)))")
        }
        guard let algorithm = header.alg else {
            throw PushAuthenticationError(.malformedToken, "the token header has no alg")
        }
        guard algorithm == "RS256" else {
            throw PushAuthenticationError(.unsupportedAlgorithm, "the token's algorithm \(algorithm) is not RS256")
        }
        guard let keyID = header.kid else {
            throw PushAuthenticationError(.malformedToken, "the token header has no kid")
        }
        let keySet = try await self.keySet(containing: keyID)
        let claims: OIDCClaims
        do {
            claims = try await keySet.collection.verify(token, as: OIDCClaims.self)
        } catch {
            throw PushAuthenticationError(.invalidSignature, "the token's signature does not verify with key \(keyID)")
        }
        try check(claims)
        return claims
    }

    /// What jwt-kit says went wrong, without the token.
    private static func reason(_ error: any Error) -> String {
        (error as? JWTError)?.reason ?? error.shortDescription
    }

    /// The key set, refreshed once when it has no key `keyID` (keys rotate).
    private func keySet(containing keyID: String) async throws(PushAuthenticationError) -> JSONWebKeySet {
        for forceRefresh in [false, true] {
            let keySet: JSONWebKeySet
            do {
                keySet = try await keySource.keySet(forceRefresh: forceRefresh)
            } catch let error as PushAuthenticationError {
                throw error
            } catch {
                throw PushAuthenticationError(.keySetUnavailable, "the signing keys are unavailable: \(error)")
            }
            if keySet.keys[keyID] != nil { return keySet }
        }
        throw PushAuthenticationError(.unknownKey, "no signing key has kid \(keyID)")
    }

    private func check(_ claims: OIDCClaims) throws(PushAuthenticationError) {
        guard let issuer = claims.issuer, configuration.issuers.contains(issuer) else {
            throw PushAuthenticationError(.invalidIssuer, "the token's issuer is not accepted")
        }
        let now = self.now()
        guard let expiresAt = claims.expiresAt else {
            throw PushAuthenticationError(.malformedToken, "the token has no exp claim")
        }
        guard now.timeIntervalSince(expiresAt) < configuration.clockSkew else {
            throw PushAuthenticationError(.expired, "the token expired at \(expiresAt)")
        }
        for start in [claims.issuedAt, claims.notBefore].compactMap({ $0 })
        where start.timeIntervalSince(now) > configuration.clockSkew {
            throw PushAuthenticationError(.notYetValid, "the token is not valid before \(start)")
        }
        guard claims.audiences.contains(configuration.audience) else {
            throw PushAuthenticationError(.wrongAudience, "the token is for another audience")
        }
        if let expected = configuration.serviceAccountEmail {
            guard claims.email?.lowercased() == expected.lowercased() else {
                throw PushAuthenticationError(.wrongServiceAccount, "the token is for another service account")
            }
            guard claims.emailVerified else {
                throw PushAuthenticationError(.emailNotVerified, "the token's e-mail is not verified")
            }
        }
    }
}
