import FTECore
@testable import FTEGateway
import FTETestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The admin endpoints and the stored-ticket status view against the router, on the fixture CRM.
@Suite(.timeLimit(.minutes(2))) struct AdminRouteTests {
    static let token = "admin-secret-token"
    let auth: HTTPFields = [.authorization: "Bearer \(Self.token)"]

    private func withGateway(
        adminToken: String? = Self.token, _ body: @Sendable @escaping (any TestClientProtocol) async throws -> Void
    ) async throws {
        var harness = GatewayHarness()
        harness.configuration.adminToken = adminToken
        try await harness.run { client, db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            try await body(client)
        }
    }

    @Test func adminEndpointsNeedTheBearerToken() async throws {
        try await withGateway { [auth] client in
            for path in ["/metrics/channels", "/customers/lookup?email=jane@example.com", "/conversations/\(CRMFixtures.janeConversation)"] {
                let anonymous = try await client.get(path)
                #expect(anonymous.status == .unauthorized, "\(path)")
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                #expect(try await client.get(path, headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
                #expect(try await client.get(path, headers: [.authorization: "Basic \(Self.token)"]).status == .unauthorized)
                #expect(try await client.get(path, headers: auth).status == .ok, "\(path)")
            }
        }
    }

    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        try await withGateway { (client) async throws in
            for header in ["bearer \(Self.token)", "BEARER \(Self.token)", "Bearer  \(Self.token)"] {
                #expect(try await client.get("/metrics/channels", headers: [.authorization: header]).status == .ok, "\(header)")
            }
            #expect(try await client.get("/metrics/channels", headers: [.authorization: "Bearer"]).status == .unauthorized)
        }
    }

    @Test func withoutAConfiguredTokenAdminEndpointsAreOff() async throws {
        try await withGateway(adminToken: nil) { [auth] (client) async throws in
            #expect(try await client.get("/metrics/channels", headers: auth).status.code == 404)
        }
    }

    @Test func lookupFindsACustomerByEmailOrWhatsAppPhone() async throws {
        try await withGateway { [auth] client in
            let byEmail = try await client.get("/customers/lookup?email=JANE@example.com", headers: auth)
            #expect(byEmail.status == .ok)
            #expect(byEmail.json["customer"]?["id"]?.stringValue == CRMFixtures.jane.uuidString.lowercased())
            #expect(byEmail.json["customer"]?["identifiers"]?.arrayValue?.count == 3)
            #expect(byEmail.json["conversations"]?.arrayValue?.count == 1)

            let byPhone = try await client.get("/customers/lookup?phone=%2B1%20415%20555%200100", headers: auth)
            #expect(byPhone.json["customer"]?["id"]?.stringValue == CRMFixtures.jane.uuidString.lowercased())

            #expect(try await client.get("/customers/lookup", headers: auth).status == .badRequest)
            #expect(try await client.get("/customers/lookup?email=nope", headers: auth).status == .badRequest)
            #expect(try await client.get("/customers/lookup?phone=12", headers: auth).status == .badRequest)
            #expect(try await client.get("/customers/lookup?email=nobody@example.com", headers: auth).status.code == 404)
        }
    }

    @Test func aConversationShowsEveryChannelInTimeOrder() async throws {
        try await withGateway { [auth] client in
            let reply = try await client.get("/conversations/\(CRMFixtures.janeConversation)", headers: auth)
            #expect(reply.status == .ok)
            let messages = try #require(reply.json["messages"]?.arrayValue)
            #expect(messages.compactMap { $0["channel"]?.stringValue } == ["web_form", "web_form", "whatsapp", "email", "email"])
            #expect(reply.json["tickets"]?.arrayValue?.count == 3)
            #expect(try await client.get("/conversations/\(UUID())", headers: auth).status.code == 404)
            #expect(try await client.get("/conversations/not-a-uuid", headers: auth).status.code == 404)
        }
    }

    @Test func channelMetricsCoverTheLastDay() async throws {
        try await withGateway { [auth] client in
            let reply = try await client.get("/metrics/channels", headers: auth)
            let channels = try #require(reply.json["channels"]?.arrayValue)
            let byName = Dictionary(uniqueKeysWithValues: channels.map { ($0["channel"]?.stringValue ?? "", $0) })
            #expect(Set(byName.keys) == ["email", "whatsapp", "web_form"])
            // Omar's e-mail is three days old: only Jane's conversation counts.
            #expect(byName["email"]?["conversations"] == 1)
            #expect(byName["email"]?["messages"] == 1)
            #expect(byName["whatsapp"]?["escalations"] == 1)
            #expect(byName["web_form"]?["escalations"] == 0)
        }
    }

    @Test func aStoredTicketShowsItsStatusAndMessages() async throws {
        try await withGateway { client in
            let reply = try await client.get("/support/ticket/\(CRMFixtures.openTicket)")
            #expect(reply.status == .ok)
            #expect(reply.json["status"] == "open")
            #expect(reply.json["messages"]?[0]?["content"] == "I was charged twice this month.")
        }
    }
}
