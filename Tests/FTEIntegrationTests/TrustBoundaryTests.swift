import FTECore
import FTETestSupport
import Foundation
import Testing

/// Issue 15's attack, end to end through `fte serve --with-worker`: Mallory types the victim's
/// phone or e-mail into the web form; the victim then writes on WhatsApp (signed by Twilio) or by
/// e-mail (fake Gmail, DMARC pass). Mallory's ticket page must show only her own ticket's
/// messages, the victim must be greeted with their own name, and nothing the victim wrote may
/// reach the model while it answers Mallory.
@Suite(.serialized, .timeLimit(.minutes(5))) struct TrustBoundaryTests {
    static let publicURL = "https://support.example.com"
    static let mailbox = "support@fte.example"
    static let pushToken = "push-secret-for-tests"
    static let victimsSecret = "The reports page of my Atlas board shows a blank screen since this morning."

    /// The gateway with its worker and the fakes of every third party.
    struct Stack {
        let gateway: RunningGateway
        let twilio: FakeTwilioServer
        let gmail: FakeGmailServer
        let llm: ScriptedLLMServer

        /// Submits the web form; returns the ticket id.
        func submitForm(name: String, email: String, phone: String? = nil, message: String) async throws -> String {
            var form: [String: Any] = [
                "name": name, "email": email, "subject": "Question about my board", "category": "general", "message": message,
            ]
            form["phone"] = phone
            let reply = try await gateway.postJSON("/support/submit", form)
            #expect(reply.status == 200, "\(reply.text)")
            return try #require(reply.json["ticket_id"] as? String)
        }

        /// The ticket page once the worker has answered the submission.
        func answeredPage(_ ticket: String) async throws -> [[String: Any]] {
            var messages: [[String: Any]] = []
            let answered = try await RunningWorker.waitUntil(timeout: .seconds(90)) {
                messages = try await gateway.request("GET", "/support/ticket/\(ticket)").json["messages"] as? [[String: Any]] ?? []
                return messages.contains { $0["role"] as? String == "agent" }
            }
            #expect(answered, "the worker answered ticket \(ticket): \(gateway.process.errorsSoFar.suffix(2_000))")
            return messages
        }

        /// Posts a WhatsApp message as Twilio does, signed.
        func whatsApp(from phone: String, profileName: String, body: String) async throws {
            let sid = "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let form = [
                FormField("SmsMessageSid", sid), FormField("NumMedia", "0"), FormField("ProfileName", profileName),
                FormField("SmsSid", sid), FormField("WaId", String(phone.dropFirst())), FormField("SmsStatus", "received"),
                FormField("Body", body), FormField("To", "whatsapp:\(twilio.whatsAppFrom)"), FormField("NumSegments", "1"),
                FormField("MessageSid", sid), FormField("AccountSid", twilio.accountSID), FormField("From", "whatsapp:\(phone)"),
                FormField("ApiVersion", "2010-04-01"),
            ]
            let signature = TwilioSignatureValidator(authToken: twilio.authToken)
                .signature(url: TrustBoundaryTests.publicURL + "/webhooks/whatsapp", parameters: form)
            let reply = try await gateway.request(
                "POST", "/webhooks/whatsapp", body: Data(FormURLEncoding.encode(form).utf8),
                headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature])
            #expect(reply.status == 200, "\(reply.text)")
        }

        /// Delivers an e-mail to the support mailbox and the Pub/Sub push that announces it.
        func email(from: String, subject: String, body: String) async throws -> String {
            let id = gmail.addIncoming(GmailMessageFixture(from: from, subject: subject, body: body))
            let data = try JSONSerialization.data(withJSONObject: ["emailAddress": TrustBoundaryTests.mailbox, "historyId": "\(gmail.historyID)"])
            let envelope: [String: Any] = [
                "message": ["data": data.base64EncodedString(), "messageId": UUID().uuidString, "publishTime": "2026-12-01T10:00:00.000Z"],
                "subscription": "projects/fte-tests/subscriptions/gmail-push",
            ]
            let reply = try await gateway.postJSON("/webhooks/gmail?token=\(TrustBoundaryTests.pushToken)", envelope)
            #expect(reply.status == 204, "\(reply.text)")
            return id
        }

        /// Everything the model was sent while answering messages that contain `text`.
        func modelInput(answering text: String) -> String {
            llm.chatRequests.filter { $0.rawBody.contains(text) }.map(\.rawBody).joined(separator: "\n")
        }
    }

    /// Runs `body` with a migrated database, the fakes and `fte serve --with-worker`.
    static func withStack(_ body: (Stack) async throws -> Void) async throws {
        try await withTestDatabase { db in
            let twilio = try await FakeTwilioServer.start()
            let oauth = try await FakeGoogleOAuthServer.start()
            let gmail = try await FakeGmailServer.start(address: mailbox)
            // The model reads the customer's history, then thanks them.
            let llm = try await ScriptedLLMServer.start { request in
                if request.messages.contains(where: { $0["role"]?.stringValue == "tool" }) {
                    return .toolCalls([.init(name: "send_response", arguments: #"{"message": "Thank you for your message."}"#)])
                }
                return .toolCalls([.init(name: "get_customer_history", arguments: "{}")])
            }
            let environment = [
                "FTE_PUBLIC_URL": publicURL, "FTE_TICKET_SECRET": "ticket-secret-for-tests",
                "FTE_TWILIO_AUTH_TOKEN": twilio.authToken, "FTE_TWILIO_ACCOUNT_SID": twilio.accountSID,
                "FTE_TWILIO_WHATSAPP_FROM": twilio.whatsAppFrom, "FTE_TWILIO_API_BASE": twilio.apiBaseURL,
                "FTE_GMAIL_ADDRESS": mailbox, "FTE_GMAIL_CLIENT_ID": oauth.clientID, "FTE_GMAIL_CLIENT_SECRET": oauth.clientSecret,
                "FTE_GMAIL_REFRESH_TOKEN": oauth.refreshToken, "FTE_GOOGLE_OAUTH_URL": oauth.tokenURL,
                "FTE_GMAIL_API_BASE": gmail.baseURL, "FTE_PUBSUB_TOKEN": pushToken,
                "FTE_LLM_BASE_URL": llm.baseURL, "FTE_LLM_API_KEY": "test-llm-key",
            ]
            var failure: (any Error)?
            do {
                try await RunningGateway.with(databaseURL: db.url, arguments: ["--with-worker"], environment: environment) { gateway in
                    try await body(Stack(gateway: gateway, twilio: twilio, gmail: gmail, llm: llm))
                }
            } catch {
                failure = error
            }
            await llm.shutdown()
            await gmail.shutdown()
            await oauth.shutdown()
            await twilio.shutdown()
            if let failure { throw failure }
        }
    }

    @Test func aWebFormClaimOfTheVictimsPhoneSeesNothingOfTheirWhatsAppConversation() async throws {
        try await Self.withStack { stack in
            let victim = "+14155550999"
            let ticket = try await stack.submitForm(
                name: "Mallory Attacker", email: "mallory@evil.example", phone: victim, message: "Where can I find the settings of my board?")
            _ = try await stack.answeredPage(ticket)

            try await stack.whatsApp(from: victim, profileName: "Victor", body: Self.victimsSecret)
            var sent: [FakeTwilioServer.Message] = []
            let answered = try await RunningWorker.waitUntil(timeout: .seconds(90)) {
                sent = stack.twilio.messages.filter { $0.to == "whatsapp:\(victim)" }
                return !sent.isEmpty
            }
            #expect(answered, "the victim got an answer: \(stack.gateway.process.errorsSoFar.suffix(2_000))")
            // Case 2: the victim is greeted with the name they gave, not the claimant's.
            let greeting = try #require(sent.first?.body)
            #expect(greeting.hasPrefix("Hi Victor!"), "\(greeting)")
            #expect(!sent.contains { $0.body?.contains("Mallory") == true })

            // Case 1: Mallory's page shows her submission and its answer, nothing else.
            let page = try await stack.answeredPage(ticket)
            #expect(page.map { $0["channel"] as? String } == ["web_form", "web_form"], "\(page)")
            #expect(!page.contains { ($0["content"] as? String)?.contains("Atlas") == true })

            // Case 3: Mallory writes again; the model never sees the victim's message.
            let second = try await stack.submitForm(
                name: "Mallory Attacker", email: "mallory@evil.example", phone: victim, message: "What did I write to you on WhatsApp?")
            let again = try await stack.answeredPage(second)
            let input = stack.modelInput(answering: "What did I write to you on WhatsApp?")
            #expect(!input.isEmpty)
            #expect(!input.contains("Atlas board"), "the victim's message reached the model answering the claimant")
            let answer = again.last?["content"] as? String ?? ""
            #expect(answer.hasPrefix("Hi Mallory,") && !answer.contains("I see you wrote"), "\(answer)")
        }
    }

    @Test func aWebFormClaimOfTheVictimsEMailSeesNothingOfTheirMail() async throws {
        try await Self.withStack { stack in
            let victim = "victor.hugo@example.com"
            // Someone else's mail first, so the victim's comes through the incremental sync from a checkpoint.
            _ = try await stack.email(from: "Someone Else <someone@example.org>", subject: "Hello", body: "Just saying hello to you all.")
            let ticket = try await stack.submitForm(name: "Mallory Attacker", email: victim, message: "Where can I find the settings of my board?")
            _ = try await stack.answeredPage(ticket)

            let mail = try await stack.email(from: "Victor Hugo <\(victim)>", subject: "Blank reports page", body: Self.victimsSecret)
            var reply: FakeGmailServer.SentMessage?
            let answered = try await RunningWorker.waitUntil(timeout: .seconds(90)) {
                reply = stack.gmail.sentMessages.first { $0.requestedThreadID == mail }
                return reply != nil
            }
            #expect(answered, "the victim got an answer: \(stack.gateway.process.errorsSoFar.suffix(2_000))")
            // Case 2: the verified sender is greeted with their own name.
            let body = try #require(reply?.email.body)
            #expect(body.hasPrefix("Dear Victor Hugo,"), "\(body)")
            #expect(!body.contains("Mallory"))

            // Case 1: Mallory's page shows her submission and its answer, nothing of the mail.
            let page = try await stack.answeredPage(ticket)
            #expect(page.map { $0["channel"] as? String } == ["web_form", "web_form"], "\(page)")
            #expect(!page.contains { ($0["content"] as? String)?.contains("Atlas") == true })

            // Cases 2 and 3 the other way round: the victim's address is verified now; the claimant
            // is still greeted as herself and the model sees none of the victim's mail.
            let second = try await stack.submitForm(name: "Mallory Attacker", email: victim, message: "Please remind me of my last e-mail to you.")
            let again = try await stack.answeredPage(second)
            let answer = again.last?["content"] as? String ?? ""
            #expect(answer.hasPrefix("Hi Mallory,"), "\(answer)")
            #expect(!answer.contains("Victor") && !answer.contains("I see you wrote") && !answer.contains("Blank reports page"))
            let input = stack.modelInput(answering: "Please remind me of my last e-mail to you.")
            #expect(!input.isEmpty)
            #expect(!input.contains("Atlas board") && !input.contains("Blank reports page"))
        }
    }
}
