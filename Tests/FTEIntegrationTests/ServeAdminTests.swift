import FTECore
import FTETesting
import Foundation
import Testing

/// The admin endpoints and the stored-ticket status view of `fte serve`, on the fixture CRM.
@Suite(.timeLimit(.minutes(3))) struct ServeAdminTests {
    static let token = "admin-secret-token"
    let auth = ["Authorization": "Bearer \(Self.token)"]

    private func withGateway(adminToken: String? = Self.token, _ body: (RunningGateway) async throws -> Void) async throws {
        try await withTestDatabase { db in
            try await db.withClient { try await CRMFixtures.insert(into: $0) }
            var environment: [String: String] = [:]
            if let adminToken { environment["FTE_ADMIN_TOKEN"] = adminToken }
            try await RunningGateway.with(databaseURL: db.url, environment: environment, body)
        }
    }

    @Test func adminEndpointsNeedTheBearerToken() async throws {
        try await withGateway { gateway in
            for path in ["/metrics/channels", "/customers/lookup?email=jane@example.com", "/conversations/\(CRMFixtures.janeConversation)"] {
                let anonymous = try await gateway.request("GET", path)
                #expect(anonymous.status == 401, "\(path)")
                #expect(anonymous.header("WWW-Authenticate") == "Bearer")
                #expect(try await gateway.request("GET", path, headers: ["Authorization": "Bearer wrong"]).status == 401)
                #expect(try await gateway.request("GET", path, headers: auth).status == 200, "\(path)")
            }
        }
    }

    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        try await withGateway { gateway in
            for header in ["bearer \(Self.token)", "BEARER \(Self.token)", "Bearer  \(Self.token)"] {
                let reply = try await gateway.request("GET", "/metrics/channels", headers: ["Authorization": header])
                #expect(reply.status == 200, "\(header)")
            }
            #expect(try await gateway.request("GET", "/metrics/channels", headers: ["Authorization": "Basic \(Self.token)"]).status == 401)
        }
    }

    @Test func withoutAConfiguredTokenAdminEndpointsAreOff() async throws {
        try await withGateway(adminToken: nil) { gateway in
            let reply = try await gateway.request("GET", "/metrics/channels", headers: auth)
            #expect(reply.status == 404)
        }
    }

    @Test func lookupFindsACustomerByEmailOrWhatsAppPhone() async throws {
        try await withGateway { gateway in
            let byEmail = try await gateway.request("GET", "/customers/lookup?email=JANE@example.com", headers: auth)
            #expect(byEmail.status == 200)
            let customer = try #require(byEmail.json["customer"] as? [String: Any])
            #expect(customer["id"] as? String == CRMFixtures.jane.uuidString.lowercased())
            #expect((customer["identifiers"] as? [[String: Any]])?.count == 3)
            #expect((byEmail.json["conversations"] as? [[String: Any]])?.count == 1)

            let byPhone = try await gateway.request("GET", "/customers/lookup?phone=%2B1%20415%20555%200100", headers: auth)
            #expect((byPhone.json["customer"] as? [String: Any])?["id"] as? String == CRMFixtures.jane.uuidString.lowercased())

            #expect(try await gateway.request("GET", "/customers/lookup", headers: auth).status == 400)
            #expect(try await gateway.request("GET", "/customers/lookup?email=nope", headers: auth).status == 400)
            #expect(try await gateway.request("GET", "/customers/lookup?email=nobody@example.com", headers: auth).status == 404)
        }
    }

    @Test func aConversationShowsEveryChannelInTimeOrder() async throws {
        try await withGateway { gateway in
            let reply = try await gateway.request("GET", "/conversations/\(CRMFixtures.janeConversation)", headers: auth)
            #expect(reply.status == 200)
            let messages = try #require(reply.json["messages"] as? [[String: Any]])
            #expect(messages.compactMap { $0["channel"] as? String } == ["web_form", "web_form", "whatsapp", "email", "email"])
            #expect((reply.json["tickets"] as? [[String: Any]])?.count == 3)
            #expect(try await gateway.request("GET", "/conversations/\(UUID())", headers: auth).status == 404)
        }
    }

    @Test func channelMetricsCoverTheLastDay() async throws {
        try await withGateway { gateway in
            let reply = try await gateway.request("GET", "/metrics/channels", headers: auth)
            let channels = try #require(reply.json["channels"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: channels.map { ($0["channel"] as? String ?? "", $0) })
            #expect(Set(byName.keys) == ["email", "whatsapp", "web_form"])
            // Omar's e-mail is three days old: only Jane's conversation counts.
            #expect(byName["email"]?["conversations"] as? Int == 1)
            #expect(byName["email"]?["messages"] as? Int == 1)
            #expect(byName["whatsapp"]?["escalations"] as? Int == 1)
            #expect(byName["web_form"]?["escalations"] as? Int == 0)
        }
    }

    @Test func aStoredTicketShowsItsStatusAndMessages() async throws {
        try await withGateway { gateway in
            let reply = try await gateway.request("GET", "/support/ticket/\(CRMFixtures.openTicket)")
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "open")
            let messages = try #require(reply.json["messages"] as? [[String: Any]])
            #expect(messages.first?["content"] as? String == "I was charged twice this month.")
        }
    }
}
