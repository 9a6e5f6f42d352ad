/// How much traffic a simulated day carries. The defaults are SPEC.md's day (≥ 100 web
/// submissions, ≥ 50 e-mails, ≥ 50 WhatsApp messages, ≥ 10 people on several channels) with
/// margin; ``scaled(by:)`` multiplies every count.
public struct TrafficVolumes: Sendable, Codable, Equatable {
    /// Web-form submissions from people who use only the web form.
    public var webSubmissions: Int
    /// E-mails from people who use only e-mail.
    public var emails: Int
    /// WhatsApp messages from people who use only WhatsApp.
    public var whatsAppMessages: Int
    /// People who write on two or three channels (each sends one message per channel they use,
    /// web form first with their phone, which links their identifiers).
    public var multiChannelPeople: Int

    public init(webSubmissions: Int = 120, emails: Int = 70, whatsAppMessages: Int = 70, multiChannelPeople: Int = 15) {
        self.webSubmissions = webSubmissions
        self.emails = emails
        self.whatsAppMessages = whatsAppMessages
        self.multiChannelPeople = multiChannelPeople
    }

    /// Every count multiplied by `factor` (rounded, at least 1).
    public func scaled(by factor: Double) -> TrafficVolumes {
        func scale(_ count: Int) -> Int { max(1, Int((Double(count) * factor).rounded())) }
        return TrafficVolumes(
            webSubmissions: scale(webSubmissions), emails: scale(emails),
            whatsAppMessages: scale(whatsAppMessages), multiChannelPeople: scale(multiChannelPeople))
    }
}
