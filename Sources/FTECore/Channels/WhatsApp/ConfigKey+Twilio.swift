extension ConfigKey {
    /// The Twilio account's Auth Token: signs webhooks and authenticates API calls.
    public static let twilioAuthToken = ConfigKey(
        "FTE_TWILIO_AUTH_TOKEN", "Twilio Auth Token; verifies X-Twilio-Signature (WhatsApp webhooks are off without it)",
        isSecret: true)
}
