import Foundation

/// Turns the model's reply body into the text each channel sends (SPEC.md, "Channel shaping").
///
/// - **Email**: formal. "Dear {name}," (or "Hello,"), the body, the ticket reference, and
///   "Kind regards, {Company} Support"; at most ``ReplyLimits/emailWords`` words in all.
/// - **Web form**: semi-formal. "Hi {first name}," (or "Hi,"), the body, the ticket reference,
///   "Best regards, {Company} Support"; at most ``ReplyLimits/webFormWords`` words in all.
/// - **WhatsApp**: conversational. "Hi {first name}!" (or "Hi there!"), the body and the ticket
///   reference, no sign-off; split at sentence boundaries into messages of at most
///   ``ReplyLimits/whatsAppMessageCharacters`` UTF-16 code units.
///
/// A body over the word limit loses whole sentences from its end, never part of one (unless its
/// first sentence alone is over the limit). When the context names earlier contact on another
/// channel, the body starts with ``acknowledgement(ofEarlierContact:)``. Shaping is
/// deterministic: the same body and context give the same text.
public struct ReplyShaper: Sendable {
    /// The name replies are signed with when `FTE_COMPANY_NAME` is not set: the fictitious
    /// product of the sample knowledge base (`samples/`).
    public static let defaultCompanyName = "Nimbus Boards"

    /// The name in sign-offs, e.g. "Kind regards, Nimbus Boards Support".
    public var companyName: String
    /// The channels' length limits.
    public var limits: ReplyLimits

    /// Creates a shaper.
    /// - Parameters:
    ///   - companyName: the name in sign-offs.
    ///   - limits: the channels' length limits.
    public init(companyName: String = Self.defaultCompanyName, limits: ReplyLimits = ReplyLimits()) {
        self.companyName = companyName
        self.limits = limits
    }

    /// A shaper signing with `FTE_COMPANY_NAME`.
    /// - Parameter environment: the environment; the process's by default.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ReplyShaper {
        ReplyShaper(companyName: ConfigKey.companyName.resolve(flag: nil, environment: environment) ?? defaultCompanyName)
    }

    /// The text(s) to send for `body` on `context.channel`.
    /// - Parameters:
    ///   - body: the reply body the model wrote, without greeting or sign-off.
    ///   - context: the channel, the customer's name, the ticket reference, earlier contact.
    public func shape(_ body: String, for context: ShapingContext) -> ShapedReply {
        var text = body
        if let earlier = context.earlierContact {
            text = Self.acknowledgement(ofEarlierContact: earlier) + " " + text
        }
        let name = context.customerName?.split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? ""
        let firstName = name.split(separator: " ").first.map(String.init) ?? ""
        let reference = "Ticket reference: \(context.ticketReference)"
        let signature = "\(companyName) Support"
        switch context.channel {
        case .email:
            return letter(text, channel: .email, greeting: name.isEmpty ? "Hello," : "Dear \(name),",
                          reference: reference, signOff: "Kind regards,\n\(signature)", maxWords: limits.emailWords)
        case .webForm:
            return letter(text, channel: .webForm, greeting: firstName.isEmpty ? "Hi," : "Hi \(firstName),",
                          reference: reference, signOff: "Best regards,\n\(signature)", maxWords: limits.webFormWords)
        case .whatsapp:
            let greeting = firstName.isEmpty ? "Hi there!" : "Hi \(firstName)!"
            let message = ReplyText("\(greeting)\n\(text)\n\nYour ticket reference is \(context.ticketReference).")
            return ShapedReply(channel: .whatsapp, messages: message.parts(maxLength: limits.whatsAppMessageCharacters),
                               wasShortened: false)
        }
    }

    /// The text(s) to send for a reply a person wrote in full: kept as written (no greeting,
    /// sign-off, reference or word limit), one message for email and the web form; on WhatsApp
    /// split at sentence boundaries like ``shape(_:for:)`` does.
    /// - Parameters:
    ///   - text: the reply, not empty.
    ///   - channel: the channel it goes out on.
    public func verbatim(_ text: String, for channel: Channel) -> ShapedReply {
        let messages = switch channel {
        case .email, .webForm: [text]
        case .whatsapp: ReplyText(text).parts(maxLength: limits.whatsAppMessageCharacters)
        }
        return ShapedReply(channel: channel, messages: messages, wasShortened: false)
    }

    /// A greeting, the body cut to fit, the reference and a sign-off, as paragraphs.
    private func letter(
        _ body: String, channel: Channel, greeting: String, reference: String, signOff: String, maxWords: Int
    ) -> ShapedReply {
        let frameWords = greeting.wordCount + reference.wordCount + signOff.wordCount
        let (kept, wasShortened) = ReplyText(body).prefix(maxWords: max(0, maxWords - frameWords))
        let paragraphs = [greeting, kept.joined, reference, signOff].filter { !$0.isEmpty }
        return ShapedReply(channel: channel, messages: [paragraphs.joined(separator: "\n\n")], wasShortened: wasShortened)
    }

    // MARK: - Earlier contact

    /// A sentence acknowledging earlier contact, e.g. "I see you wrote to us by email about
    /// “Login fails”." A topic loses "Re:"/"Fwd:" prefixes and is cut to about 80 characters
    /// at a word boundary; without one the sentence ends "…by email earlier."
    public static func acknowledgement(ofEarlierContact contact: EarlierContact) -> String {
        let how = switch contact.channel {
        case .email: "by email"
        case .whatsapp: "on WhatsApp"
        case .webForm: "through our support form"
        }
        guard let topic = contact.topic.flatMap(cleanTopic) else { return "I see you wrote to us \(how) earlier." }
        return "I see you wrote to us \(how) about “\(topic)”."
    }

    /// Most characters of a quoted topic.
    static let maxTopicLength = 80

    /// The topic on one line, without reply/forward prefixes or surrounding quotes, shortened at
    /// a word boundary; `nil` when nothing is left.
    static func cleanTopic(_ topic: String) -> String? {
        var words = topic.split(whereSeparator: \.isWhitespace).map(String.init)
        while let first = words.first, ["re:", "fw:", "fwd:", "aw:", "wg:"].contains(first.lowercased()) {
            words.removeFirst()
        }
        var text = words.joined(separator: " ")
        text = String(text.trimmingPrefix(while: { "\"“”'‘’".contains($0) }))
        while let last = text.last, "\"“”'‘’".contains(last) { text.removeLast() }
        text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        guard text.count > maxTopicLength else { return text }
        var short = ""
        for word in text.split(separator: " ") {
            guard short.count + word.count + 1 <= maxTopicLength else { break }
            short += (short.isEmpty ? "" : " ") + word
        }
        if short.isEmpty { short = String(text.prefix(maxTopicLength)) }
        return short + "…"
    }
}
