import FTETestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import Testing
@testable import FTECore

/// ``TwilioMessagesClient`` against ``FakeTwilioServer`` over real HTTP on loopback.
@Suite(.timeLimit(.minutes(2))) struct TwilioMessagesClientTests {
    static let customer = "+14155550100"
    static let templateSID = "HX" + String(repeating: "ab", count: 16)

    /// Runs `body` with a running fake, a libcurl client and a Twilio client for the fake's account.
    func withTwilio(
        statusCallbackURL: String? = nil, authToken: String? = nil,
        _ body: (FakeTwilioServer, TwilioMessagesClient) async throws -> Void
    ) async throws {
        let fake = try await FakeTwilioServer.start()
        let httpClient = HTTPClient()
        var settings = fake.settings(statusCallbackURL: statusCallbackURL)
        if let authToken { settings.authToken = authToken }
        let result: Result<Void, any Error>
        do {
            result = .success(try await body(fake, TwilioMessagesClient(settings: settings, httpClient: httpClient)))
        } catch {
            result = .failure(error)
        }
        await httpClient.shutdown()
        await fake.shutdown()
        try result.get()
    }

    /// The ``ChannelDeliveryError`` `operation` throws, or nil (recorded as an issue) when it throws none.
    func deliveryError(_ operation: () async throws -> some Any) async -> ChannelDeliveryError? {
        await #expect(throws: ChannelDeliveryError.self) { _ = try await operation() }
    }

    @Test func sendPostsTheFormWithBasicAuthAndReturnsTheQueuedMessage() async throws {
        let callback = "https://support.example.com/webhooks/whatsapp/status"
        try await withTwilio(statusCallbackURL: callback) { fake, twilio in
            let sent = try await twilio.send(to: Self.customer, body: "Hello Zoë, your refund is on its way. ✅")
            #expect(sent.status == .queued)
            #expect(sent.sid.hasPrefix("SM") && sent.sid.count == 34)
            #expect(fake.messages == [
                FakeTwilioServer.Message(
                    sid: sent.sid, to: "whatsapp:+14155550100", from: "whatsapp:+14155238886",
                    body: "Hello Zoë, your refund is on its way. ✅", contentSID: nil, contentVariables: nil,
                    statusCallback: callback, status: .queued, createdAt: try #require(fake.messages.first).createdAt),
            ])
        }
    }

    @Test func aWhatsAppPrefixedRecipientIsAcceptedAndNoCallbackIsSentWithoutOne() async throws {
        try await withTwilio { fake, twilio in
            _ = try await twilio.send(to: "whatsapp:+14155550100", body: "Hi")
            #expect(fake.messages.first?.to == "whatsapp:+14155550100")
            #expect(fake.messages.first?.statusCallback == nil)
        }
    }

    @Test func templateSendPostsContentSidAndVariablesWithoutBody() async throws {
        try await withTwilio { fake, twilio in
            let sent = try await twilio.sendTemplate(
                to: Self.customer, contentSID: Self.templateSID, variables: ["1": "Zoë", "2": "T-1042"])
            #expect(sent.status == .queued)
            let message = try #require(fake.messages.first)
            #expect(message.sid == sent.sid)
            #expect(message.body == nil)
            #expect(message.contentSID == Self.templateSID)
            let variables = try JSONDecoder().decode(
                [String: String].self, from: Data((message.contentVariables ?? "").utf8))
            #expect(variables == ["1": "Zoë", "2": "T-1042"])
        }
    }

    @Test func wrongCredentialsAreRejected() async throws {
        try await withTwilio(authToken: "not-the-token") { fake, twilio in
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
            guard case .rejected(let reason) = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("401") && reason.contains("20003"))
            #expect(!reason.contains("not-the-token"))
            #expect(fake.messages.isEmpty)
        }
    }

    @Test func theAuthTokenIsRedactedFromTwilioMessages() async throws {
        try await withTwilio { fake, twilio in
            fake.failNext(.error(status: 400, code: 21211, message: "bad request signed \(fake.authToken)"))
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
            #expect(error?.reason.contains(fake.authToken) == false)
            #expect(error?.reason.contains("<redacted>") == true)
        }
    }

    @Test func tooManyRequestsIsRetryableAfterTheServersHint() async throws {
        try await withTwilio { fake, twilio in
            fake.failNext(.tooManyRequests(retryAfterSeconds: 7))
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
            #expect(error?.isRetryable == true)
            #expect(error?.retryAfter == .seconds(7))
            #expect(error?.reason.contains("20429") == true)
            #expect(fake.messages.isEmpty)
            _ = try await twilio.send(to: Self.customer, body: "Hi")
            #expect(fake.messages.count == 1)
        }
    }

    @Test func serverErrorsAreRetryable() async throws {
        try await withTwilio { fake, twilio in
            fake.failNext(.serverError)
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
            #expect(error == .retryable(
                reason: "Twilio answered HTTP 500, error 20500: An internal server error has occurred "
                    + "(https://www.twilio.com/docs/errors/20500)",
                retryAfter: nil))
        }
    }

    @Test func aClosedWindowIsOutsideWhatsAppWindowAndATemplateStillGoesThrough() async throws {
        try await withTwilio { fake, twilio in
            fake.closeWindow(for: Self.customer)
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi again") }
            guard case .outsideWhatsAppWindow(let reason) = error else {
                Issue.record("expected outsideWhatsAppWindow, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("63016"))
            #expect(error?.isRetryable == false)
            _ = try await twilio.sendTemplate(to: Self.customer, contentSID: Self.templateSID, variables: [:])
            #expect(fake.messages.map(\.contentSID) == [Self.templateSID])
        }
    }

    @Test(arguments: [
        FakeTwilioServer.Failure.unauthorized,
        .error(status: 400, code: 21211, message: "Invalid 'To' Phone Number"),
        .error(status: 403, code: 21610, message: "Attempt to send to unsubscribed recipient"),
    ])
    func otherClientErrorsAreRejected(failure: FakeTwilioServer.Failure) async throws {
        try await withTwilio { fake, twilio in
            fake.failNext(failure)
            let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
            guard case .rejected(let reason) = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("https://www.twilio.com/docs/errors/"))
        }
    }

    @Test func aBodyOver1600CharactersIsRejectedWithoutARequest() async throws {
        try await withTwilio { fake, twilio in
            let error = await deliveryError {
                try await twilio.send(to: Self.customer, body: String(repeating: "a", count: 1601))
            }
            #expect(error == .rejected(
                reason: "the WhatsApp message body has 1601 characters; Twilio accepts at most 1600"))
            // An emoji is two UTF-16 units, as Twilio may count it.
            let emoji = String(repeating: "😀", count: 801)
            _ = await deliveryError { try await twilio.send(to: Self.customer, body: emoji) }
            #expect(fake.requestCount == 0)
            _ = try await twilio.send(to: Self.customer, body: String(repeating: "a", count: 1600))
            _ = try await twilio.send(to: Self.customer, body: String(repeating: "😀", count: 800))
            #expect(fake.messages.count == 2)
        }
    }

    @Test func invalidInputIsRejectedWithoutARequest() async throws {
        try await withTwilio { fake, twilio in
            for phone in ["12345", "+1 415 abc", ""] {
                let error = await deliveryError { try await twilio.send(to: phone, body: "Hi") }
                #expect(error == .rejected(reason: "the WhatsApp recipient is not an E.164 phone number"))
            }
            #expect(await deliveryError { try await twilio.send(to: Self.customer, body: " \n ") }
                == .rejected(reason: "the WhatsApp message body is empty"))
            let badTemplate = await deliveryError {
                try await twilio.sendTemplate(to: Self.customer, contentSID: "HX123", variables: [:])
            }
            #expect(badTemplate?.isRetryable == false)
            #expect(fake.requestCount == 0)
        }
    }

    @Test func anUnreachableAPIIsRetryable() async throws {
        let fake = try await FakeTwilioServer.start()
        let settings = fake.settings()
        await fake.shutdown()
        let httpClient = HTTPClient()
        let twilio = TwilioMessagesClient(settings: settings, httpClient: httpClient)
        let error = await deliveryError { try await twilio.send(to: Self.customer, body: "Hi") }
        await httpClient.shutdown()
        #expect(error?.isRetryable == true)
        #expect(error?.reason.hasPrefix("Twilio: HTTP POST http://127.0.0.1:") == true)
    }

    @Test func statusCallbacksFromTheFakeVerifyWithTheSignatureValidator() async throws {
        let received = Mutex<[(signature: String?, form: [FormField])]>([])
        let router = Router()
        router.post(RouterPath(TwilioSettings.statusCallbackPath)) { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 << 10)
            let form = try FormURLEncoding.decode(body.readableBytesView)
            received.withLock { $0.append((request.headers[HTTPField.Name("X-Twilio-Signature")!], form)) }
            return Response(status: .noContent)
        }
        try await LocalHTTPServer.withServer(router) { receiver in
            let url = receiver.baseURL + TwilioSettings.statusCallbackPath
            try await withTwilio(statusCallbackURL: url) { fake, twilio in
                let sent = try await twilio.send(to: Self.customer, body: "Hi")
                #expect(try await fake.sendStatusCallback(messageSID: sent.sid, status: .delivered) == 204)
                let failedStatus = try await fake.sendStatusCallback(
                    messageSID: sent.sid, status: .failed, errorCode: 63016)
                #expect(failedStatus == 204)
                let callbacks = received.withLock { $0 }
                try #require(callbacks.count == 2)
                let validator = TwilioSignatureValidator(authToken: fake.authToken)
                for callback in callbacks {
                    try validator.verify(signature: callback.signature, url: url, parameters: callback.form)
                    #expect(throws: TwilioSignatureError(.mismatch)) {
                        try TwilioSignatureValidator(authToken: "another-token")
                            .verify(signature: callback.signature, url: url, parameters: callback.form)
                    }
                    #expect(callback.form.value(of: "ChannelPrefix") == "whatsapp")
                    #expect(callback.form.value(of: "AccountSid") == fake.accountSID)
                    #expect(callback.form.value(of: "To") == "whatsapp:+14155550100")
                }
                let delivered = try TwilioStatusCallback(form: callbacks[0].form)
                #expect(delivered.messageSID == sent.sid && delivered.status == .delivered)
                #expect(delivered.errorCode == nil)
                let failed = try TwilioStatusCallback(form: callbacks[1].form)
                #expect(failed.status == .failed && failed.errorCode == 63016)
                #expect(fake.messages.first?.status == .failed)
            }
        }
    }
}

@Suite struct TwilioSettingsTests {
    static let accountSID = "AC" + String(repeating: "0123456789abcdef", count: 2)
    static let complete = [
        "FTE_TWILIO_ACCOUNT_SID": accountSID, "FTE_TWILIO_AUTH_TOKEN": "secret-token",
        "FTE_TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886", "FTE_PUBLIC_URL": "https://support.example.com/",
        "FTE_TWILIO_TEMPLATE_SID": "HX" + String(repeating: "ab", count: 16),
    ]

    @Test func readsTheEnvironmentAndDerivesTheStatusCallbackFromThePublicURL() throws {
        let settings = try TwilioSettings(environment: Self.complete)
        #expect(settings.accountSID == Self.accountSID)
        #expect(settings.whatsAppFrom == "+14155238886")
        #expect(settings.apiBaseURL == "https://api.twilio.com")
        #expect(settings.statusCallbackURL == "https://support.example.com/webhooks/whatsapp/status")
        #expect(settings.templateContentSID == "HX" + String(repeating: "ab", count: 16))
        #expect(!"\(settings)".contains("secret-token"))
        var local = Self.complete
        local["FTE_PUBLIC_URL"] = nil
        local["FTE_TWILIO_API_BASE"] = "http://127.0.0.1:9999/"
        let withoutCallback = try TwilioSettings(environment: local)
        #expect(withoutCallback.statusCallbackURL == nil)
        #expect(withoutCallback.apiBaseURL == "http://127.0.0.1:9999")
    }

    @Test(arguments: [
        ("FTE_TWILIO_ACCOUNT_SID", nil, "FTE_TWILIO_ACCOUNT_SID is not set"),
        ("FTE_TWILIO_ACCOUNT_SID", "AC123", "FTE_TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits"),
        ("FTE_TWILIO_AUTH_TOKEN", nil, "FTE_TWILIO_AUTH_TOKEN is not set"),
        ("FTE_TWILIO_WHATSAPP_FROM", "whatsapp:support",
         "FTE_TWILIO_WHATSAPP_FROM must be an E.164 number (got whatsapp:support)"),
        ("FTE_TWILIO_TEMPLATE_SID", "template-1", "FTE_TWILIO_TEMPLATE_SID must be HX followed by 32 hex digits"),
        ("FTE_PUBLIC_URL", "support.example.com", "FTE_PUBLIC_URL must be an http(s) URL (got support.example.com)"),
        ("FTE_PUBLIC_URL", "https://my_host.example.com",
         "FTE_PUBLIC_URL has an underscore in its host, which Twilio refuses"),
    ] as [(String, String?, String)])
    func aMissingOrMalformedSettingIsNotConfigured(name: String, value: String?, reason: String) {
        var environment = Self.complete
        environment[name] = value
        #expect(throws: ChannelDeliveryError.notConfigured(reason: reason)) {
            try TwilioSettings(environment: environment)
        }
    }
}
