import FTECore
import HTTPTypes
import Hummingbird

/// Guards the admin endpoints with `Authorization: Bearer <FTE_ADMIN_TOKEN>` (the scheme in any
/// case, as RFC 9110 has it). Without a configured token they are switched off (404); a missing
/// or wrong token gets 401.
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    /// The configured token; `nil` when admin endpoints are off.
    let token: AdminToken?

    init(token: String?) {
        self.token = AdminToken(token)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token else { throw GatewayError(status: .notFound, message: "admin endpoints are not enabled (set FTE_ADMIN_TOKEN)") }
        guard token.authorizes(request.headers[.authorization]) else {
            throw GatewayError(status: .unauthorized, message: "a valid admin bearer token is required", headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }
}
