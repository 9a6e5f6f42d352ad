import Foundation
import JWTKit

/// The claims of a Google-issued OIDC ID token that push verification reads.
///
/// Decoded leniently (`aud` one string or several, `email_verified` a Boolean or the string
/// `"true"`); ``OIDCTokenVerifier`` checks them against its configuration and clock after
/// jwt-kit verified the signature, so ``verify(using:)`` checks nothing.
public struct OIDCClaims: Sendable, Equatable, JWTPayload {
    public var issuer: String?
    /// `aud`: one string, or several when sent as an array.
    public var audiences: [String]
    public var subject: String?
    public var email: String?
    public var emailVerified: Bool
    public var expiresAt: Date?
    public var issuedAt: Date?
    public var notBefore: Date?

    enum CodingKeys: String, CodingKey {
        case iss, aud, sub, email, exp, iat, nbf
        case emailVerified = "email_verified"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decodeIfPresent(String.self, forKey: .iss)
        if let single = try? container.decode(String.self, forKey: .aud) {
            audiences = [single]
        } else {
            audiences = try container.decodeIfPresent([String].self, forKey: .aud) ?? []
        }
        subject = try container.decodeIfPresent(String.self, forKey: .sub)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        // Some issuers send the flag as the string "true".
        if let flag = try? container.decode(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else {
            emailVerified = try container.decodeIfPresent(String.self, forKey: .emailVerified) == "true"
        }
        expiresAt = try container.decodeIfPresent(Double.self, forKey: .exp).map(Date.init(timeIntervalSince1970:))
        issuedAt = try container.decodeIfPresent(Double.self, forKey: .iat).map(Date.init(timeIntervalSince1970:))
        notBefore = try container.decodeIfPresent(Double.self, forKey: .nbf).map(Date.init(timeIntervalSince1970:))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(issuer, forKey: .iss)
        try container.encode(audiences, forKey: .aud)
        try container.encodeIfPresent(subject, forKey: .sub)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(emailVerified, forKey: .emailVerified)
        try container.encodeIfPresent(expiresAt?.timeIntervalSince1970, forKey: .exp)
        try container.encodeIfPresent(issuedAt?.timeIntervalSince1970, forKey: .iat)
        try container.encodeIfPresent(notBefore?.timeIntervalSince1970, forKey: .nbf)
    }

    /// Nothing: the claims depend on the verifier's configuration and clock (see the type).
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
