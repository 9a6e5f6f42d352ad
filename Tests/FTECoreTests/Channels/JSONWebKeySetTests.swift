import FTETestSupport
import Foundation
import Synchronization
import Testing
@testable import FTECore

/// Serves `first` until asked to refresh, then `rotated`; counts the refreshes.
final class RotatingKeySource: JSONWebKeySource {
    let first: JSONWebKeySet
    let rotated: JSONWebKeySet
    private let refreshes = Mutex(0)

    /// How many times a fresh key set was requested.
    var refreshCount: Int { refreshes.withLock { $0 } }

    init(first: JSONWebKeySet, rotated: JSONWebKeySet) {
        self.first = first
        self.rotated = rotated
    }

    func keySet(forceRefresh: Bool) async throws -> JSONWebKeySet {
        guard forceRefresh else { return refreshes.withLock { $0 } == 0 ? first : rotated }
        refreshes.withLock { $0 += 1 }
        return rotated
    }
}

/// A key source whose fetch always fails, like an unreachable certs URL.
struct FailingKeySource: JSONWebKeySource {
    struct Unreachable: Error {}
    func keySet(forceRefresh: Bool) async throws -> JSONWebKeySet { throw Unreachable() }
}

@Suite struct JSONWebKeySetTests {
    @Test func parsesRSAKeysAndSkipsOthers() async throws {
        let signer = try TestTokenSigner(keyID: "k1")
        let generated = try JSONSerialization.jsonObject(with: Data(signer.jwksJSON())) as? [String: [[String: String]]]
        let rsaKey = try #require(generated?["keys"]?.first)
        let document: [String: Any] = [
            "keys": [
                rsaKey,
                ["kty": "EC", "kid": "ec1", "crv": "P-256", "x": "AA", "y": "AA"],
                ["kty": "RSA", "kid": "enc1", "use": "enc", "n": "AQAB", "e": "AQAB"],
                // Types and algorithms Google might add later are skipped, not fatal.
                ["kty": "oct", "kid": "hmac1", "k": "c2VjcmV0"],
                ["kty": "OKP", "kid": "ed1", "crv": "Ed25519", "x": "AA"],
                ["kty": "RSA", "kid": "pss1", "alg": "PS512", "n": "AQAB", "e": "AQAB"],
            ]
        ]
        let set = try await JSONWebKeySet(json: Array(JSONSerialization.data(withJSONObject: document)))
        #expect(Array(set.keys.keys) == ["k1"])
        #expect(set.keys["k1"]?.algorithm == "RS256")
    }

    @Test(arguments: [
        "{}", #"{"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}"#,
        #"{"keys": [{"kty": "RSA", "kid": "a", "n": "%%%", "e": "AQAB"}]}"#, "not json",
    ])
    func malformedKeySetsAreTypedErrors(json: String) async {
        await #expect {
            try await JSONWebKeySet(json: Array(json.utf8))
        } throws: { ($0 as? PushAuthenticationError)?.code == .keySetUnavailable }
    }
}
