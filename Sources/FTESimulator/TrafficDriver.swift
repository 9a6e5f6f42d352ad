import FTECore
import FTEFakes
import Foundation
import Synchronization

/// Delivers the planned messages as the providers would: web-form posts from the customers'
/// browsers, signed Twilio webhooks, and Gmail mails announced by signed Pub/Sub pushes. Each
/// delivery is retried like its provider retries until the gateway answers 2xx (a web-form
/// retry carries the same `submission_id`, so it is the same ticket); some are delivered again
/// afterwards (provider redeliveries).
final class TrafficDriver: Sendable {
    /// What happened to one message's delivery. Times are real seconds since the run's origin.
    struct Delivery: Sendable {
        var channel: Channel
        var firstAttempt: Double
        var acknowledged: Double?
        /// The channel's id of the message (ticket id, MessageSid, Gmail id).
        var channelMessageID: String?
    }

    private let plan: TrafficPlan
    private let options: SimulationOptions
    private let providers: SimulatedProviders
    private let gateways: GatewayService
    private let origin: Date
    private let deliveries = Mutex([Int: Delivery]())
    private let redelivered = Mutex(0)
    private let delivered = Mutex(0)
    private let giveUpAfter: Duration = .seconds(90)

    init(plan: TrafficPlan, options: SimulationOptions, providers: SimulatedProviders, gateways: GatewayService, origin: Date) {
        self.plan = plan
        self.options = options
        self.providers = providers
        self.gateways = gateways
        self.origin = origin
    }

    /// Deliveries so far, by planned message id.
    var results: [Int: Delivery] { deliveries.withLock { $0 } }

    /// Redeliveries made so far.
    var redeliveries: Int { redelivered.withLock { $0 } }

    /// Real seconds since the origin.
    func now() -> Double { Date().timeIntervalSince(origin) }

    /// Sends the first Pub/Sub push, which sets the gateway's Gmail checkpoint.
    func primeGmail() async throws {
        let response = try await push()
        guard (200..<300).contains(response.status) else {
            throw SimulationError("the first Gmail push was answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    /// Delivers every planned message at its time; returns once all deliveries and redeliveries
    /// are done. `progress` is called after each acknowledgement.
    func run(progress: @escaping @Sendable (Int) -> Void) async {
        let start = ContinuousClock.now
        await withDiscardingTaskGroup { group in
            for message in plan.messages {
                try? await ContinuousClock().sleep(until: start + options.real(message.at))
                group.addTask {
                    await self.deliver(message)
                    progress(self.delivered.withLock { count in
                        count += 1
                        return count
                    })
                }
            }
        }
    }

    private func deliver(_ message: PlannedMessage) async {
        let persona = plan.personas[message.persona]
        let first = now()
        deliveries.withLock { $0[message.id] = Delivery(channel: message.channel, firstAttempt: first) }
        var channelMessageID: String?
        if message.channel == .email {
            channelMessageID = providers.gmail.addIncoming(
                from: "\(persona.name) <\(persona.email ?? "")>", subject: message.subject ?? "Question", body: message.text)
        }
        // The web form's key for this message, made once and sent with every retry, as the page does.
        let submissionKey = UUID.version7()
        let deadline = ContinuousClock.now + giveUpAfter
        while ContinuousClock.now < deadline {
            do {
                let response = try await send(message, persona: persona, submissionKey: submissionKey)
                if (200..<300).contains(response.status) {
                    if message.channel == .webForm { channelMessageID = Self.ticketID(in: response.body) }
                    if message.channel == .whatsapp { channelMessageID = Self.messageSID(message, seed: options.seed) }
                    let acked = now()
                    deliveries.withLock { $0[message.id] = Delivery(channel: message.channel, firstAttempt: first, acknowledged: acked, channelMessageID: channelMessageID) }
                    break
                }
                try await Task.sleep(for: Self.retryDelay(response))
            } catch {
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        for offset in message.redeliveries {
            try? await Task.sleep(for: options.real(offset))
            _ = try? await send(message, persona: persona, submissionKey: submissionKey)
            redelivered.withLock { $0 += 1 }
        }
    }

    private func send(_ message: PlannedMessage, persona: Persona, submissionKey: UUID) async throws -> HTTPClientResponse {
        switch message.channel {
        case .webForm: try await submitWebForm(message, persona: persona, key: submissionKey)
        case .whatsapp: try await postWhatsApp(message, persona: persona)
        case .email: try await push()
        }
    }

    private func submitWebForm(_ message: PlannedMessage, persona: Persona, key: UUID) async throws -> HTTPClientResponse {
        var fields: [String: String] = [
            "name": persona.name, "email": persona.email ?? "", "subject": message.subject ?? "Question",
            "category": (message.category ?? .general).rawValue, "message": message.text,
            "submission_id": key.lowercasedString,
        ]
        if let phone = persona.phone { fields["phone"] = phone }
        var request = HTTPClientRequest(.post, url: "/support/submit", headers: ["X-Forwarded-For": Self.address(of: persona)])
        try request.setJSONBody(fields)
        return try await gateways.send(request, from: .browser)
    }

    private func postWhatsApp(_ message: PlannedMessage, persona: Persona) async throws -> HTTPClientResponse {
        let sid = Self.messageSID(message, seed: options.seed)
        let phone = persona.phone ?? "+15550000000"
        let fields = [
            FormField("SmsMessageSid", sid), FormField("NumMedia", "0"), FormField("ProfileName", persona.name),
            FormField("SmsSid", sid), FormField("WaId", String(phone.dropFirst())), FormField("SmsStatus", "received"),
            FormField("Body", message.text), FormField("To", "whatsapp:" + providers.twilio.whatsAppFrom),
            FormField("NumSegments", "1"), FormField("ReferralNumMedia", "0"), FormField("MessageSid", sid),
            FormField("AccountSid", providers.twilio.accountSID), FormField("From", "whatsapp:" + phone),
            FormField("ApiVersion", "2010-04-01"),
        ]
        let path = "/webhooks/whatsapp"
        let signature = TwilioSignatureValidator(authToken: providers.twilio.authToken)
            .signature(url: SimulatedProviders.publicURL + path, parameters: fields)
        var request = HTTPClientRequest(
            .post, url: path, headers: ["X-Twilio-Signature": signature, "User-Agent": "TwilioProxy/1.1"])
        request.setFormBody(fields)
        return try await gateways.send(request, from: .twilio)
    }

    /// A Pub/Sub push announcing the mailbox's current history id.
    private func push() async throws -> HTTPClientResponse {
        let notification: JSONValue = [
            "emailAddress": .string(SimulatedProviders.mailbox), "historyId": .string(String(providers.gmail.historyID)),
        ]
        let envelope: JSONValue = [
            "message": [
                "data": .string(notification.jsonData.base64EncodedString()), "messageId": .string(UUID().uuidString),
                "publishTime": .string(ISO8601DateFormatter().string(from: Date())),
            ],
            "subscription": "projects/fte-simulation/subscriptions/gmail-push",
        ]
        var request = HTTPClientRequest(.post, url: "/webhooks/gmail", headers: ["Content-Type": "application/json"])
        request.body = envelope.jsonData
        request.setBearerToken(try providers.pushToken())
        return try await gateways.send(request, from: .pubSub)
    }

    /// Posts a signed `delivered` status callback for every WhatsApp reply Twilio accepted and
    /// has not reported yet, as Twilio does; repeats until cancelled.
    func reportTwilioStatuses(via urls: @escaping @Sendable () async -> [String]) async {
        var reported = Set<String>()
        var turn = 0
        while !Task.isCancelled {
            let replicas = await urls()
            for message in providers.twilio.messages where !reported.contains(message.sid) && !replicas.isEmpty {
                turn += 1
                let status = try? await providers.twilio.sendStatusCallback(
                    messageSID: message.sid, status: .delivered, via: replicas[turn % replicas.count])
                if let status, (200..<300).contains(status) { reported.insert(message.sid) }
            }
            try? await Task.sleep(for: .milliseconds(300))
        }
    }

    private static func retryDelay(_ response: HTTPClientResponse) -> Duration {
        let asked = response.retryAfter() ?? .milliseconds(250)
        return min(max(asked, .milliseconds(100)), .seconds(2))
    }

    private static func ticketID(in body: Data) -> String? {
        (try? JSONValue(parsing: body))?["ticket_id"]?.stringValue
    }

    /// A Twilio-shaped MessageSid (`SM` + 32 hex digits), the same for every delivery of a message.
    static func messageSID(_ message: PlannedMessage, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed &* 31 &+ UInt64(message.id))
        return "SM" + String(format: "%016llx%016llx", random.next(), random.next())
    }

    /// The customer's own address, as the ingress forwards it (rate limits are per customer).
    private static func address(of persona: Persona) -> String {
        "10.\(persona.id / 65_536 % 256).\(persona.id / 256 % 256).\(persona.id % 256)"
    }
}
