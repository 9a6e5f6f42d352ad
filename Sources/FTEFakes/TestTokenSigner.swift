import FTECore
import Foundation
import CryptoExtras

/// A throwaway RSA-2048 signing key standing in for Google's: publishes its public half as a
/// JWKS document and signs arbitrary claims as RS256 JWTs, for tests and the fake JWKS server.
public struct TestTokenSigner: Sendable {
    /// The `kid` in the JWKS and in every token header.
    public let keyID: String
    private let privateKey: _RSA.Signing.PrivateKey

    /// Generates a fresh key (takes a few hundred milliseconds).
    public init(keyID: String = "test-key-\(UUID().uuidString.prefix(8).lowercased())") throws {
        self.keyID = keyID
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// The JWKS document (`{"keys": [{"kty": "RSA", "kid", "use": "sig", "alg": "RS256", "n", "e"}]}`).
    public func jwksJSON() throws -> [UInt8] {
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        let key: JSONValue = [
            "kty": "RSA", "kid": .string(keyID), "use": "sig", "alg": "RS256",
            "n": .string(Base64URL.encode(primitives.modulus)), "e": .string(Base64URL.encode(primitives.publicExponent)),
        ]
        return Array(JSONValue.object(["keys": [key]]).jsonData)
    }

    /// The parsed key set, for a `StaticJSONWebKeySource`.
    public func keySet() async throws -> JSONWebKeySet {
        try await JSONWebKeySet(json: try jwksJSON())
    }

    /// Signs `claims` (a JSON object) as a compact JWT.
    /// - Parameters:
    ///   - algorithm: the header's `alg`; the signature is always RS256, so anything else
    ///     produces a token a verifier must reject.
    ///   - keyID: the header's `kid`, by default this key's.
    public func token(
        claims: [String: JSONValue], algorithm: String = "RS256", keyID: String? = nil
    ) throws -> String {
        let header: JSONValue = ["alg": .string(algorithm), "kid": .string(keyID ?? self.keyID), "typ": "JWT"]
        let headerSegment = Base64URL.encode(header.jsonData)
        let claimSegment = Base64URL.encode(JSONValue.object(claims).jsonData)
        let signingInput = Array("\(headerSegment).\(claimSegment)".utf8)
        let signature = try privateKey.signature(for: signingInput, padding: .insecurePKCS1v1_5)
        return "\(headerSegment).\(claimSegment).\(Base64URL.encode(signature.rawRepresentation))"
    }

    /// Claims like those of a Google push token: issuer, audience, service-account e-mail
    /// (verified), issued `issuedAt` and valid for an hour.
    public static func pushClaims(
        audience: String, email: String, issuedAt: Date, issuer: String = "https://accounts.google.com"
    ) -> [String: JSONValue] {
        let iat = Double(Int(issuedAt.timeIntervalSince1970))
        return [
            "iss": .string(issuer), "aud": .string(audience), "azp": "112233445566778899000", "sub": "112233445566778899000",
            "email": .string(email), "email_verified": true, "iat": .number(iat), "exp": .number(iat + 3600),
        ]
    }
}
