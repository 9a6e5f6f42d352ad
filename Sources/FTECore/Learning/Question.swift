import Foundation

/// A customer's question as the learning loop and the reports see it: one inbound message,
/// cleaned (``QuestionText``), with the ticket it opened.
public struct Question: Sendable, Equatable {
    public var messageID: UUID
    public var ticketID: UUID?
    public var channel: Channel
    /// The cleaned text: subject and message, personal data masked.
    public var text: String
    public var askedAt: Date

    public init(messageID: UUID, ticketID: UUID?, channel: Channel, text: String, askedAt: Date) {
        self.messageID = messageID
        self.ticketID = ticketID
        self.channel = channel
        self.text = text
        self.askedAt = askedAt
    }

    /// The question of an inbound message: its e-mail subject (unless it is only "Re:" or
    /// repeats the start of the message) and its content, cleaned.
    public static func text(content: String, subject: String?, knownNames: [String]) -> String {
        let body = QuestionText.clean(content, knownNames: knownNames).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard var subject = subject?.trimmingWhitespace(), !subject.isEmpty else { return body }
        while let prefix = ["re:", "fw:", "fwd:", "aw:", "wg:", "tr:"].first(where: { subject.lowercased().hasPrefix($0) }) {
            subject = String(subject.dropFirst(prefix.count)).trimmingWhitespace()
        }
        subject = PersonalDataMasker(knownNames: knownNames).mask(subject)
        guard subject.count >= 3, !body.lowercased().hasPrefix(subject.lowercased()) else { return body }
        guard !body.isEmpty else { return subject }
        return subject + (subject.last.map { ".?!:".contains($0) } == true ? " " : ". ") + body
    }
}

/// Questions that are one question in different words: the members of one
/// ``QuestionTopics`` topic.
public struct QuestionGroup: Sendable, Codable, Equatable {
    /// How many times it was asked (messages).
    public var count: Int
    /// The question at the group's centre: the most typical wording.
    public var example: String
    /// Up to five other wordings.
    public var variants: [String]
    /// The tickets it was asked in.
    public var ticketIDs: [UUID]
    public var channels: [Channel]
    public var firstAsked: Date
    public var lastAsked: Date

    public init(
        count: Int, example: String, variants: [String], ticketIDs: [UUID], channels: [Channel], firstAsked: Date,
        lastAsked: Date
    ) {
        self.count = count
        self.example = example
        self.variants = variants
        self.ticketIDs = ticketIDs
        self.channels = channels
        self.firstAsked = firstAsked
        self.lastAsked = lastAsked
    }
}
