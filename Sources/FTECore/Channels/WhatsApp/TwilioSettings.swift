import Foundation

/// What ``TwilioMessagesClient`` needs: the account, its Auth Token, our WhatsApp sender, the
/// status-callback URL and the optional out-of-window template.
///
/// ``description`` never shows the Auth Token.
public struct TwilioSettings: Sendable, CustomStringConvertible {
    /// Twilio's REST API.
    public static let defaultAPIBase = "https://api.twilio.com"
    /// Where the gateway receives status callbacks, below the public base URL.
    public static let statusCallbackPath = "/webhooks/whatsapp/status"

    /// The Account SID (`AC` and 32 hex digits): the Basic-auth user and part of the URL.
    public var accountSID: String
    /// The Auth Token: the Basic-auth password.
    public var authToken: String
    /// Our WhatsApp sender in E.164 (`+14155238886`), without the `whatsapp:` prefix.
    public var whatsAppFrom: String
    /// The API base URL, without a trailing slash.
    public var apiBaseURL: String
    /// The `StatusCallback` sent with every message; nil sends none (no delivery tracking).
    public var statusCallbackURL: String?
    /// The approved template (`HX…`) for replies outside the 24-hour window, if any.
    public var templateContentSID: String?

    /// Settings with the given values, used as they are.
    public init(
        accountSID: String, authToken: String, whatsAppFrom: String, apiBaseURL: String = TwilioSettings.defaultAPIBase,
        statusCallbackURL: String? = nil, templateContentSID: String? = nil
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.whatsAppFrom = whatsAppFrom
        var base = apiBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.apiBaseURL = base
        self.statusCallbackURL = statusCallbackURL
        self.templateContentSID = templateContentSID
    }

    /// Reads `FTE_TWILIO_ACCOUNT_SID`, `FTE_TWILIO_AUTH_TOKEN`, `FTE_TWILIO_WHATSAPP_FROM`,
    /// `FTE_TWILIO_API_BASE`, `FTE_TWILIO_TEMPLATE_SID`, and `FTE_PUBLIC_URL`, to which
    /// ``statusCallbackPath`` is appended (no status callbacks without it).
    /// - Throws: ``ChannelDeliveryError/notConfigured(reason:)`` naming the first variable that
    ///   is unset or malformed (never echoing the Auth Token).
    public init(environment: [String: String]) throws(ChannelDeliveryError) {
        func required(_ key: ConfigKey) throws(ChannelDeliveryError) -> String {
            guard let value = key.resolve(flag: nil, environment: environment) else {
                throw .notConfigured(reason: "\(key.name) is not set")
            }
            return value
        }
        let accountSID = try required(.twilioAccountSID)
        guard TwilioSID.isValid(accountSID, prefix: "AC") else {
            throw .notConfigured(reason: "\(ConfigKey.twilioAccountSID.name) must be AC followed by 32 hex digits")
        }
        let authToken = try required(.twilioAuthToken)
        let fromText = try required(.twilioWhatsAppFrom)
        guard let from = ContactAddress.normalizedPhone(fromText) else {
            throw .notConfigured(
                reason: "\(ConfigKey.twilioWhatsAppFrom.name) must be an E.164 number (got \(fromText))")
        }
        let apiBase = ConfigKey.twilioAPIBase.resolve(flag: nil, environment: environment) ?? Self.defaultAPIBase
        guard PublicBaseURL.parse(apiBase) != nil else {
            throw .notConfigured(reason: "\(ConfigKey.twilioAPIBase.name) must be an http(s) URL (got \(apiBase))")
        }
        let template = ConfigKey.twilioTemplateSID.resolve(flag: nil, environment: environment)
        if let template, !TwilioSID.isValid(template, prefix: "HX") {
            throw .notConfigured(reason: "\(ConfigKey.twilioTemplateSID.name) must be HX followed by 32 hex digits")
        }
        self.init(
            accountSID: accountSID, authToken: authToken, whatsAppFrom: from, apiBaseURL: apiBase,
            statusCallbackURL: try Self.statusCallbackURL(environment: environment), templateContentSID: template)
    }

    /// `FTE_PUBLIC_URL` + ``statusCallbackPath``, built as the gateway rebuilds it for the
    /// signature check; nil when `FTE_PUBLIC_URL` is unset.
    private static func statusCallbackURL(environment: [String: String]) throws(ChannelDeliveryError) -> String? {
        guard let text = ConfigKey.publicURL.resolve(flag: nil, environment: environment) else { return nil }
        guard let base = PublicBaseURL.parse(text) else {
            throw .notConfigured(reason: "\(ConfigKey.publicURL.name) must be an http(s) URL (got \(text))")
        }
        // Twilio refuses StatusCallback URLs whose host has an underscore.
        guard base.host?.contains("_") != true else {
            throw .notConfigured(
                reason: "\(ConfigKey.publicURL.name) has an underscore in its host, which Twilio refuses")
        }
        return PublicBaseURL.join(base, statusCallbackPath)
    }

    public var description: String {
        "TwilioSettings(accountSID: \(accountSID), whatsAppFrom: \(whatsAppFrom), apiBaseURL: \(apiBaseURL))"
    }
}
