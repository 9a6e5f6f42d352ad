/// Recognises a message that only closes a conversation — thanks, a goodbye, "that worked" —
/// and asks nothing: it gets a short acknowledgement, never a search, an answer or an escalation.
///
/// Every word must be one of thanks, farewell, agreement or filler, part of the customer's name,
/// or one of at most two capitalised names ("Thank you, Anna"); a question mark, a negation or
/// any other word ("Thanks, but the export still fails") makes it an ordinary message.
public enum ClosingMessage {
    /// The reply to a closing message (the channel's greeting and sign-off are added by ``ReplyShaper``).
    public static let acknowledgement =
        "You're welcome, I'm glad that helped. If anything else comes up, just reply to this message."

    /// Whether `text` only thanks, agrees or says goodbye.
    /// - Parameter customerName: the sender's name, whose words may sign the message.
    public static func isClosing(_ text: String, customerName: String? = nil) -> Bool {
        guard !text.contains("?") else { return false }
        let message = MessageWords(text)
        guard message.count > 0, message.count <= 40 else { return false }
        let name = Set(MessageWords(customerName ?? "").words)
        var closes = false
        var names = 0
        for (i, word) in message.words.enumerated() {
            if closingWords.contains(word) {
                closes = true
            } else if fillerWords.contains(word) || name.contains(word) {
                continue
            } else if message.original(i).first?.isUppercase == true, names < 2 {
                names += 1
            } else {
                return false
            }
        }
        return closes
    }

    /// Words that close: thanks, farewells, agreement and relief.
    static let closingWords: Set<String> = [
        "thanks", "thank", "thx", "ty", "tysm", "cheers", "appreciated", "appreciate", "grateful", "bye", "goodbye",
        "cya", "perfect", "great", "awesome", "brilliant", "excellent", "wonderful", "fantastic", "super", "cool",
        "solved", "fixed", "sorted", "worked", "works", "resolved", "ok", "okay", "kk", "alright", "noted",
        "understood", "gotcha", "lovely", "nice", "amazing", "helpful", "legend", "thankyou", "gracias", "merci", "danke",
    ]

    /// Words that may stand beside them without asking anything.
    static let fillerWords: Set<String> = [
        "you", "so", "much", "very", "a", "an", "lot", "for", "the", "your", "help", "again", "that", "it", "this", "all",
        "now", "did", "does", "is", "was", "got", "i", "we", "have", "had", "good", "day", "weekend", "evening",
        "night", "week", "and", "oh", "ah", "wow", "yes", "yep", "yeah", "many", "really", "quick", "answer", "reply",
        "response", "support", "team", "guys", "everyone", "just", "what", "needed", "me", "my", "issue", "problem",
        "trick", "done", "take", "care", "see", "later", "soon", "best", "regards", "kind", "kindest", "warm",
        "wishes", "sincerely", "hi", "hello", "hey", "dear", "there", "truly", "perfectly", "indeed", "to", "hear",
        "glad", "happy", "working", "then", "well", "too", "of", "in", "on", "from", "sent", "iphone", "android",
        "mobile", "muchas", "everything", "that's", "it's", "i'm", "we're", "makes", "sense", "clear",
        // "Thanks for passing it on / looking into it / letting me know".
        "passing", "forwarding", "looking", "into", "checking", "sorting", "fixing", "explaining", "letting", "know",
    ]
}
