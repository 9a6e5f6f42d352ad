import Crypto
import Foundation

/// The admin bearer token (`FTE_ADMIN_TOKEN`) that guards the admin endpoints of `fte serve`
/// and `fte mcp --http`. Only SHA-256 digests are compared, in constant time, so the time a
/// check takes tells nothing about the token's bytes or its length.
public struct AdminToken: Sendable {
    private let digest: [UInt8]

    /// - Parameter token: the configured token; `nil` or empty means none is configured.
    public init?(_ token: String?) {
        guard let token, !token.isEmpty else { return nil }
        digest = Self.digest(token)
    }

    /// Whether an `Authorization` header value is `Bearer <the token>` (``BearerCredentials``:
    /// the scheme in any case, one or more spaces before the token).
    public func authorizes(_ authorization: String?) -> Bool {
        guard let presented = BearerCredentials.token(fromAuthorization: authorization) else { return false }
        return constantTimeEquals(Self.digest(presented), digest)
    }

    private static func digest(_ text: some StringProtocol) -> [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }
}
