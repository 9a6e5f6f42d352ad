import Foundation

/// A compact JWS (`header.payload.signature`) split and decoded, not yet verified.
struct JSONWebToken: Sendable {
    struct Header: Decodable, Sendable {
        var alg: String
        var kid: String?
    }

    var header: Header
    var claims: OIDCClaims
    /// `header.payload` as sent: the bytes the signature covers.
    var signingInput: [UInt8]
    var signature: [UInt8]

    /// - Throws: ``PushAuthenticationError/Code/malformedToken`` naming the segment at fault.
    init(compact token: String) throws(PushAuthenticationError) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw PushAuthenticationError(.malformedToken, "the token has \(segments.count) segments, not 3")
        }
        guard let headerBytes = Base64URL.decode(segments[0]), let payloadBytes = Base64URL.decode(segments[1]),
            let signature = Base64URL.decode(segments[2])
        else {
            throw PushAuthenticationError(.malformedToken, "a token segment is not base64url")
        }
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        } catch {
            throw PushAuthenticationError(.malformedToken, "the token header is malformed (\(error.shortDescription))")
        }
        do {
            claims = try JSONDecoder().decode(OIDCClaims.self, from: Data(payloadBytes))
        } catch {
            throw PushAuthenticationError(.malformedToken, "the token claims are malformed (\(error.shortDescription))")
        }
        signingInput = Array(segments[0].utf8) + [UInt8(ascii: ".")] + Array(segments[1].utf8)
        self.signature = signature
    }
}

/// The claims of a Google-issued OIDC ID token that push verification reads.
public struct OIDCClaims: Sendable, Equatable, Decodable {
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
}
