import Crypto
import FTECore
import Foundation
import HTTPTypes
import Hummingbird

/// Guards the admin endpoints with `Authorization: Bearer <FTE_ADMIN_TOKEN>` (the scheme in any
/// case, as RFC 9110 has it). Without a
/// configured token they are switched off (404); a missing or wrong token gets 401.
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    /// SHA-256 of the configured token; `nil` when admin endpoints are off.
    let tokenDigest: [UInt8]?

    init(token: String?) {
        tokenDigest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let tokenDigest else { throw GatewayError(status: .notFound, message: "admin endpoints are not enabled (set FTE_ADMIN_TOKEN)") }
        let presented = BearerCredentials.token(fromAuthorization: request.headers[.authorization])
        // Digests, so the comparison's time does not depend on the token's length either.
        guard let presented,
            constantTimeEquals(Array(SHA256.hash(data: Data(presented.utf8))), tokenDigest)
        else {
            throw GatewayError(status: .unauthorized, message: "a valid admin bearer token is required", headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }
}
