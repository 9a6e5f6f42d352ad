import FTECore
import Foundation
import HTTPTypes
import Hummingbird

/// The admin endpoints: `GET /conversations/{id}`, `GET /customers/lookup?email=&phone=` and
/// `GET /metrics/channels`, behind the admin bearer token.
struct AdminController: Sendable {
    let directory: CustomerDirectory
    let adminToken: String?

    func addRoutes(to router: Router<GatewayRequestContext>) {
        let admin = router.group().add(middleware: AdminAuthMiddleware(token: adminToken))
        admin.get("/conversations/{id}", use: conversation)
        admin.get("/customers/lookup", use: lookup)
        admin.get("/metrics/channels", use: channels)
    }

    @Sendable func conversation(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
            let history = try await directory.conversation(id)
        else { throw GatewayError.notFound("conversation") }
        return try JSONResponses.encode(history)
    }

    @Sendable func lookup(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let email = request.uri.queryParameters["email"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let phone = request.uri.queryParameters["phone"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        guard email != nil || phone != nil else { throw GatewayError.badRequest("give email= or phone=") }
        var addresses: [ContactAddress] = []
        if let email {
            guard let normalised = ContactAddress.normalizedEmail(email) else { throw GatewayError.badRequest("email is not a valid address") }
            addresses.append(.email(normalised))
        }
        if let phone {
            guard let normalised = ContactAddress.normalizedPhone(phone) else {
                throw GatewayError.badRequest("phone must be an international number like +14155550100")
            }
            addresses.append(.phone(normalised))
        }
        for address in addresses {
            if let profile = try await directory.customer(by: address) { return try JSONResponses.encode(profile) }
        }
        throw GatewayError.notFound("customer")
    }

    @Sendable func channels(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        struct Report: Encodable {
            var windowHours: Int
            var channels: [ChannelMetrics]
            enum CodingKeys: String, CodingKey {
                case windowHours = "window_hours", channels
            }
        }
        return try JSONResponses.encode(Report(windowHours: 24, channels: try await directory.channelMetrics(hours: 24)))
    }
}
