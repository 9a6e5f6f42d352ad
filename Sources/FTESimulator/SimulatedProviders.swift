import FTECore
import FTEFakes
import Foundation

/// The third parties of a simulated day, as fakes on loopback speaking their real wire formats:
/// Gmail API, Google OAuth and certs (Pub/Sub push tokens signed by a local key), Twilio, a
/// scripted model, and a Kafka mock cluster when asked for.
final class SimulatedProviders: Sendable {
    static let publicURL = "https://support.simulated.example"
    static let mailbox = "support@simulated.example"
    static let pushAudience = publicURL + "/webhooks/gmail"
    static let pushAccount = "gmail-push@fte-simulation.iam.gserviceaccount.com"
    static let llmKey = "simulated-llm-key"

    let twilio: FakeTwilioServer
    let gmail: FakeGmailServer
    let oauth: FakeGoogleOAuthServer
    let signer: TestTokenSigner
    let certs: FakeGoogleCertsServer
    let llm: ScriptedLLMServer?
    let model: ModelBehaviour?
    let kafka: MockKafkaCluster?

    private init(
        twilio: FakeTwilioServer, gmail: FakeGmailServer, oauth: FakeGoogleOAuthServer, signer: TestTokenSigner,
        certs: FakeGoogleCertsServer, llm: ScriptedLLMServer?, model: ModelBehaviour?, kafka: MockKafkaCluster?
    ) {
        self.twilio = twilio
        self.gmail = gmail
        self.oauth = oauth
        self.signer = signer
        self.certs = certs
        self.llm = llm
        self.model = model
        self.kafka = kafka
    }

    static func start(_ options: SimulationOptions) async throws -> SimulatedProviders {
        let signer = try TestTokenSigner()
        var model: ModelBehaviour?
        var llm: ScriptedLLMServer?
        if case .scripted(let latency, let errorRate) = options.model {
            let behaviour = ModelBehaviour(latency: latency, errorRate: errorRate, seed: options.seed)
            llm = try await ScriptedLLMServer.start(apiKey: llmKey, recordsRequests: false) { behaviour.reply(to: $0) }
            model = behaviour
        }
        var kafka: MockKafkaCluster?
        if case .kafka(nil) = options.queue {
            let cluster = try MockKafkaCluster(brokers: 3)
            try cluster.createTopic(KafkaProducerConfiguration.defaultTopic, partitions: 6)
            try cluster.createTopic(KafkaConsumerConfiguration.defaultDeadLetterTopic, partitions: 1)
            kafka = cluster
        }
        return SimulatedProviders(
            twilio: try await FakeTwilioServer.start(), gmail: try await FakeGmailServer.start(address: mailbox),
            oauth: try await FakeGoogleOAuthServer.start(), signer: signer,
            certs: try await FakeGoogleCertsServer.start(serving: signer), llm: llm, model: model, kafka: kafka)
    }

    /// What `fte serve` and `fte work` need to reach the fakes.
    func environment(_ options: SimulationOptions) -> [String: String] {
        var environment = [
            "FTE_PUBLIC_URL": Self.publicURL,
            "FTE_TWILIO_AUTH_TOKEN": twilio.authToken, "FTE_TWILIO_ACCOUNT_SID": twilio.accountSID,
            "FTE_TWILIO_WHATSAPP_FROM": twilio.whatsAppFrom, "FTE_TWILIO_API_BASE": twilio.apiBaseURL,
            "FTE_GMAIL_ADDRESS": Self.mailbox, "FTE_GMAIL_CLIENT_ID": oauth.clientID,
            "FTE_GMAIL_CLIENT_SECRET": oauth.clientSecret, "FTE_GMAIL_REFRESH_TOKEN": oauth.refreshToken,
            "FTE_GOOGLE_OAUTH_URL": oauth.tokenURL, "FTE_GMAIL_API_BASE": gmail.baseURL,
            "FTE_PUBSUB_AUDIENCE": Self.pushAudience, "FTE_PUBSUB_SERVICE_ACCOUNT": Self.pushAccount,
            "FTE_GOOGLE_CERTS_URL": certs.certsURL,
        ]
        if let llm {
            environment["FTE_LLM_BASE_URL"] = llm.baseURL
            environment["FTE_LLM_API_KEY"] = Self.llmKey
            environment["FTE_LLM_MODEL"] = "gemini-3.5-flash"
        }
        switch options.queue {
        case .postgres: break
        case .kafka(let brokers): environment["FTE_KAFKA_BROKERS"] = brokers ?? kafka?.bootstrapServers
        }
        return environment
    }

    /// A Pub/Sub push token as Google signs them.
    func pushToken() throws -> String {
        try signer.token(claims: TestTokenSigner.pushClaims(audience: Self.pushAudience, email: Self.pushAccount, issuedAt: Date()))
    }

    func shutdown() async {
        await llm?.shutdown()
        await twilio.shutdown()
        await gmail.shutdown()
        await oauth.shutdown()
        await certs.shutdown()
        kafka?.shutdown()
    }
}

extension SimulatedProviders {
    /// Whether the fake provider has `reply` although the outbox gave up on it: WhatsApp by
    /// recipient and first part's text, e-mail by the reply's `Message-ID`.
    func have(_ reply: OutcomeCollector.FailedReply) -> Bool {
        switch reply.channel {
        case .whatsapp:
            return twilio.messages.contains { $0.to == "whatsapp:" + reply.recipient && $0.body == reply.firstPart }
        case .email, .webForm:
            let key = "fte-reply-" + reply.messageID.lowercasedString
            return gmail.sentMessages.contains { ($0.email.headers["Message-ID"] ?? "").contains(key) }
        }
    }
}
