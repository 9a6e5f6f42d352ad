import Foundation
import _CryptoExtras

/// An RSA signing key from a JSON Web Key Set (RFC 7517), e.g. Google's
/// `https://www.googleapis.com/oauth2/v3/certs`.
public struct JSONWebKey: Sendable {
    /// `kid`: the id a token's header names.
    public var keyID: String
    /// `alg`, when the set states one (Google's say `RS256`).
    public var algorithm: String?
    /// The RSA public key built from `n` and `e`.
    public var publicKey: _RSA.Signing.PublicKey
}

/// The RSA keys of a JWKS document, by `kid`. Keys of other types (EC, oct) and keys meant
/// for encryption (`use: enc`) are skipped, so a set Google extends does not break parsing.
public struct JSONWebKeySet: Sendable {
    public var keys: [String: JSONWebKey]

    public init(keys: [JSONWebKey]) {
        self.keys = Dictionary(keys.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses a JWKS JSON document.
    /// - Throws: ``PushAuthenticationError`` with code ``PushAuthenticationError/Code/keySetUnavailable`` when
    ///   the document is not a key set or an RSA key's `n`/`e` are not base64url.
    public init(json: some Collection<UInt8>) throws(PushAuthenticationError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(json))
        } catch {
            throw PushAuthenticationError(
                .keySetUnavailable, "the JWKS document is malformed (\(error.shortDescription))")
        }
        var parsed: [JSONWebKey] = []
        for key in wire.keys where key.kty == "RSA" && key.use != "enc" {
            guard let keyID = key.kid, let modulus = key.n.flatMap({ Base64URL.decode($0) }),
                let exponent = key.e.flatMap({ Base64URL.decode($0) }), !modulus.isEmpty, !exponent.isEmpty
            else {
                throw PushAuthenticationError(.keySetUnavailable, "a JWKS RSA key lacks kid, n or e")
            }
            guard let publicKey = try? _RSA.Signing.PublicKey(n: modulus, e: exponent) else {
                throw PushAuthenticationError(.keySetUnavailable, "the JWKS key \(keyID) is not a usable RSA key")
            }
            parsed.append(JSONWebKey(keyID: keyID, algorithm: key.alg, publicKey: publicKey))
        }
        self.init(keys: parsed)
    }

    private struct Wire: Decodable {
        struct Key: Decodable {
            var kty: String
            var kid: String?
            var use: String?
            var alg: String?
            var n: String?
            var e: String?
        }
        var keys: [Key]
    }
}

/// Where a verifier gets its keys. Implementations cache; `forceRefresh` asks for a fresh
/// copy (the verifier does so once when a token names an unknown `kid`, as keys rotate daily).
public protocol JSONWebKeySource: Sendable {
    /// The current key set.
    /// - Throws: when no key set can be obtained; the verifier then reports
    ///   ``PushAuthenticationError/Code/keySetUnavailable``.
    func keySet(forceRefresh: Bool) async throws -> JSONWebKeySet
}

/// A fixed key set: for tests, and for deployments that pin keys in configuration.
public struct StaticJSONWebKeySource: JSONWebKeySource {
    public let keys: JSONWebKeySet

    public init(_ keys: JSONWebKeySet) {
        self.keys = keys
    }

    /// Always the same set; a refresh changes nothing.
    public func keySet(forceRefresh: Bool) async throws -> JSONWebKeySet { keys }
}
