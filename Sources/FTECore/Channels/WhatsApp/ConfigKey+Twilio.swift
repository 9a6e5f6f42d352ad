extension ConfigKey {
    /// The Twilio account's Auth Token: signs webhooks and authenticates API calls.
    public static let twilioAuthToken = ConfigKey(
        "FTE_TWILIO_AUTH_TOKEN", "Twilio Auth Token; verifies X-Twilio-Signature (WhatsApp webhooks are off without it)",
        isSecret: true)
    /// The Twilio account (`AC…`) that sends WhatsApp replies.
    public static let twilioAccountSID = ConfigKey(
        "FTE_TWILIO_ACCOUNT_SID", "Twilio Account SID (AC…) for sending WhatsApp replies")
    /// Our WhatsApp sender number.
    public static let twilioWhatsAppFrom = ConfigKey(
        "FTE_TWILIO_WHATSAPP_FROM", "WhatsApp sender number in E.164, e.g. +14155238886 (whatsapp: prefix optional)")
    /// Base URL of Twilio's REST API.
    public static let twilioAPIBase = ConfigKey(
        "FTE_TWILIO_API_BASE", "Twilio REST API base URL (default https://api.twilio.com)")
    /// Approved WhatsApp template for replies outside the 24-hour customer-service window.
    public static let twilioTemplateSID = ConfigKey(
        "FTE_TWILIO_TEMPLATE_SID",
        "Content SID (HX…) of the approved WhatsApp template sent outside the 24-hour window")
}
