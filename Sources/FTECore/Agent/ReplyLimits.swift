/// How long a reply may be on each channel (SPEC.md, "Channel shaping").
///
/// ``ReplyChecks`` flags drafts over these limits so the model can shorten them;
/// ``ReplyShaper`` enforces them on the final text.
public struct ReplyLimits: Sendable, Equatable {
    /// Most words in an email reply.
    public var emailWords: Int
    /// Most words in a web-form reply.
    public var webFormWords: Int
    /// WhatsApp drafts longer than this many characters are flagged as too long (the aim is
    /// 300); the shaper would still deliver them, split into several messages.
    public var whatsAppDraftCharacters: Int
    /// Most UTF-16 code units in one WhatsApp message (Twilio's limit is 1,600 characters;
    /// counting UTF-16 units keeps emoji-rich messages inside it too).
    public var whatsAppMessageCharacters: Int

    /// Creates limits; the defaults are SPEC.md's.
    public init(emailWords: Int = 500, webFormWords: Int = 300, whatsAppDraftCharacters: Int = 1000,
                whatsAppMessageCharacters: Int = 1600) {
        self.emailWords = emailWords
        self.webFormWords = webFormWords
        self.whatsAppDraftCharacters = whatsAppDraftCharacters
        self.whatsAppMessageCharacters = whatsAppMessageCharacters
    }
}
