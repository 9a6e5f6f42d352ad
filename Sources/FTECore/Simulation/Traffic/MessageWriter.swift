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
/// escalation trigger; otherwise they are sent as written.
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
            let varied = vary(question.question, channel: channel, firstName: firstName, using: &generator)
            let subject = channel == .whatsapp ? nil : Self.subject(forSource: question.source, using: &generator)
            return WrittenMessage(
                subject: subject, text: isAnswerable(varied) ? varied : question.question,
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
            let signOff = reason == .negativeSentiment ? firstName : "\(generator.pick(TrafficTexts.emailSignOffs)),\n\(firstName)"
            text = "\(generator.pick(TrafficTexts.emailGreetings)),\n\n\(letters[reason]!.draw(using: &generator))\n\n\(signOff)"
        }
        return WrittenMessage(
            subject: channel == .whatsapp ? nil : generator.pick(texts.subjects), text: text,
            category: channel == .webForm ? texts.category : nil, expectedEscalation: reason)
    }

    private func vary(_ question: String, channel: Channel, firstName: String, using generator: inout SeededGenerator) -> String {
        switch channel {
        case .whatsapp:
            return generator.pick(TrafficTexts.chatOpenings) + question + generator.pick(TrafficTexts.chatClosings)
        case .webForm:
            return question + generator.pick(TrafficTexts.formClosings)
        case .email:
            let greeting = generator.pick(TrafficTexts.emailGreetings)
            let introduction = generator.pick(TrafficTexts.emailIntroductions)
            let signOff = generator.pick(TrafficTexts.emailSignOffs)
            return "\(greeting),\n\n\(introduction)\(question)\n\n\(signOff),\n\(firstName)"
        }
    }

    private static func subject(forSource source: String, using generator: inout SeededGenerator) -> String {
        let subject = generator.pick(TrafficTexts.subjectPrefixes) + TrafficTexts.topic(ofSource: source)
        return subject.prefix(1).uppercased() + subject.dropFirst()
    }
}
