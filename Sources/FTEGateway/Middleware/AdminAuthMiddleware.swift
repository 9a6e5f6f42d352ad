import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Guards the admin endpoints with `Authorization: Bearer <FTE_ADMIN_TOKEN>`. Without a
/// configured token they are switched off (404); a missing or wrong token gets 401.
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let token: String?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token else { throw GatewayError(status: .notFound, message: "admin endpoints are not enabled (set FTE_ADMIN_TOKEN)") }
        let presented = request.headers[.authorization].flatMap { header -> Substring? in
            header.hasPrefix("Bearer ") ? header.dropFirst("Bearer ".count) : nil
        }
        guard let presented, Self.constantTimeEquals(presented, token) else {
            throw GatewayError(status: .unauthorized, message: "a valid admin bearer token is required", headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    /// Compares digests so neither the length nor the first difference leaks through timing.
    static func constantTimeEquals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        let left = SHA256.hash(data: Data(a.utf8))
        let right = SHA256.hash(data: Data(b.utf8))
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
