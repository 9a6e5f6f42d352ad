/// A message's words and ground truth, before it is given a time.
struct WrittenMessage {
    var subject: String?
    var text: String
    var category: TicketCategory?
    var expectedEscalation: EscalationReason?
    var answeringSource: String?
}

/// Writes the customer's words for a planned message in the style of its channel: WhatsApp short
/// and chatty, e-mail with a greeting and sign-off, the web form a subject and a category.
///
/// Questions are varied lightly (a greeting, a thank-you) only when the varied text still trips no
/// escalation trigger (a thank-you after a negation can read as negative); otherwise they are sent
/// with a bare greeting on e-mail and as written elsewhere.
struct MessageWriter {
    private var questions: ShuffledBag<SampleQuestion>
    private var chats: [EscalationReason: ShuffledBag<String>] = [:]
    private var letters: [EscalationReason: ShuffledBag<String>] = [:]

    /// - Parameter questions: answerable questions (at least one).
    init(questions: [SampleQuestion]) {
        self.questions = ShuffledBag(questions)
        for (reason, texts) in TrafficTexts.escalations {
            chats[reason] = ShuffledBag(texts.chat)
            letters[reason] = ShuffledBag(texts.letter)
        }
    }

    /// Writes a message for `channel` signed with `name`: one that must escalate for `reason`,
    /// or the next knowledge-base question when `reason` is `nil`.
    /// - Parameter isAnswerable: whether a text trips no escalation trigger on `channel`.
    mutating func write(
        escalating reason: EscalationReason?, channel: Channel, name: String, using generator: inout SeededGenerator,
        isAnswerable: (String) -> Bool
    ) -> WrittenMessage {
        let firstName = String(name.split(separator: " ").first ?? Substring(name))
        guard let reason else {
            let question = questions.draw(using: &generator)
            let varied = Self.vary(question.question, channel: channel, firstName: firstName, using: &generator)
            let subject = channel == .whatsapp ? nil : Self.subject(forSource: question.source, using: &generator)
            let text = isAnswerable(varied) ? varied : Self.plain(question.question, channel: channel, firstName: firstName)
            return WrittenMessage(
                subject: subject, text: text,
                category: channel == .webForm ? TrafficTexts.category(forSource: question.source) : nil,
                answeringSource: question.source)
        }
        let texts = TrafficTexts.escalations[reason]!
        let text: String
        switch channel {
        case .whatsapp: text = chats[reason]!.draw(using: &generator)
        case .webForm: text = letters[reason]!.draw(using: &generator)
        case .email:
            // An upset customer does not sign off kindly.
            text = Self.letter(
                letters[reason]!.draw(using: &generator), firstName: firstName, kindly: reason != .negativeSentiment,
                using: &generator)
        }
        return WrittenMessage(
            subject: channel == .whatsapp ? nil : generator.pick(texts.subjects), text: text,
            category: channel == .webForm ? texts.category : nil, expectedEscalation: reason)
    }

    private static func vary(
        _ question: String, channel: Channel, firstName: String, using generator: inout SeededGenerator
    ) -> String {
        switch channel {
        case .whatsapp:
            let opening = generator.pick(TrafficTexts.chatOpenings)
            let body = opening.isEmpty ? question : Self.continuing(question)
            return opening + body + generator.pick(TrafficTexts.chatClosings)
        case .webForm:
            let closing = generator.pick(TrafficTexts.formClosings)
            guard !closing.isEmpty, let last = question.last, !".?!".contains(last) else { return question + closing }
            return question + "." + closing
        case .email:
            let introduction = generator.pick(TrafficTexts.emailIntroductions)
            return Self.letter(introduction + question, firstName: firstName, kindly: true, using: &generator)
        }
    }

    /// An e-mail: a greeting, `body`, and the first name, after a sign-off when `kindly`.
    private static func letter(
        _ body: String, firstName: String, kindly: Bool, using generator: inout SeededGenerator
    ) -> String {
        let greeting = generator.pick(TrafficTexts.emailGreetings)
        let signOff = kindly ? "\(generator.pick(TrafficTexts.emailSignOffs)),\n\(firstName)" : firstName
        return "\(greeting),\n\n\(body)\n\n\(signOff)"
    }

    /// `question` lower-cased at its start, to follow a greeting ("hi, the app…"), unless it starts
    /// with "I" or an abbreviation.
    private static func continuing(_ question: String) -> String {
        let firstWord = question.prefix { $0.isLetter }
        guard firstWord != "I", firstWord.dropFirst().allSatisfy(\.isLowercase) else { return question }
        return question.prefix(1).lowercased() + question.dropFirst()
    }

    /// The question with only words that carry no sentiment around it, which trips exactly what
    /// the question trips.
    private static func plain(_ question: String, channel: Channel, firstName: String) -> String {
        channel == .email ? "Hello,\n\n\(question)\n\n\(firstName)" : question
    }

    private static func subject(forSource source: String, using generator: inout SeededGenerator) -> String {
        let subject = generator.pick(TrafficTexts.subjectPrefixes) + TrafficTexts.topic(ofSource: source)
        return subject.prefix(1).uppercased() + subject.dropFirst()
    }
}
