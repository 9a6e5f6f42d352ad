import Foundation
import JWTKit

/// An RSA signing key from a JSON Web Key Set (RFC 7517), e.g. Google's
/// `https://www.googleapis.com/oauth2/v3/certs`.
public struct JSONWebKey: Sendable {
    /// `kid`: the id a token's header names.
    public var keyID: String
    /// `alg`, when the set states one (Google's say `RS256`).
    public var algorithm: String?
}

/// The RS256 signing keys of a JWKS document, by `kid`, and jwt-kit's key collection that
/// verifies signatures with them. Keys of other types (EC, oct, unknown ones), keys meant for
/// encryption (`use: enc`) and keys for other algorithms are skipped, so a set Google extends
/// does not break parsing.
public struct JSONWebKeySet: Sendable {
    public let keys: [String: JSONWebKey]
    /// The same keys in jwt-kit, which verifies RS256 signatures.
    let collection: JWTKeyCollection

    /// Parses a JWKS JSON document.
    /// - Throws: ``PushAuthenticationError`` with code ``PushAuthenticationError/Code/keySetUnavailable`` when
    ///   the document is not a key set, or an RSA signing key lacks `kid`, `n` or `e` or is not a
    ///   usable RSA key.
    public init(json: some Collection<UInt8>) async throws(PushAuthenticationError) {
        let collection = JWTKeyCollection()
        var keys: [String: JSONWebKey] = [:]
        for key in try Self.signingKeys(in: json) {
            guard let keyID = key.keyIdentifier?.string, key.modulus?.isEmpty == false, key.exponent?.isEmpty == false else {
                throw PushAuthenticationError(.keySetUnavailable, "a JWKS RSA key lacks kid, n or e")
            }
            guard keys[keyID] == nil else { continue }
            do {
                try await collection.add(jwk: key)
            } catch {
                throw PushAuthenticationError(.keySetUnavailable, "the JWKS key \(keyID) is not a usable RSA key")
            }
            keys[keyID] = JSONWebKey(keyID: keyID, algorithm: key.algorithm?.rawValue)
        }
        self.keys = keys
        self.collection = collection
    }

    /// The document's RSA keys for RS256 signatures, as jwt-kit's ``JWK`` (which does not read
    /// `use`, and refuses algorithms it does not know).
    private static func signingKeys(in json: some Collection<UInt8>) throws(PushAuthenticationError) -> [JWK] {
        let keys: [JSONValue]
        do {
            guard let array = try JSONValue(parsing: Data(json))["keys"]?.arrayValue else {
                throw PushAuthenticationError(.keySetUnavailable, "the JWKS document has no keys array")
            }
            keys = array
        } catch let error as PushAuthenticationError {
            throw error
        } catch {
            throw PushAuthenticationError(.keySetUnavailable, "the JWKS document is malformed (\(error))")
        }
        let signing = keys.filter {
            $0["kty"]?.stringValue == "RSA" && $0["use"]?.stringValue != "enc" && ($0["alg"] ?? "RS256") == "RS256"
        }
        return try signing.map { key throws(PushAuthenticationError) in
            do {
                return try JSONDecoder().decode(JWK.self, from: key.jsonData)
            } catch {
                throw PushAuthenticationError(.keySetUnavailable, "a JWKS RSA key is malformed (\(error.shortDescription))")
            }
        }
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
