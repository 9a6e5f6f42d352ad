import Testing
@testable import FTECore

@Suite struct PhrasePatternTests {
    private func words(_ text: String) -> MessageWords { MessageWords(text) }

    @Test func wordsAreLowerCasedAndKeepInnerApostrophes() {
        #expect(words("I’ve said: DON'T re-send e-mails, 'ok'?").words == ["i've", "said", "don't", "re", "send", "e", "mails", "ok"])
    }

    @Test func slotsAlternativesOptionalsAndGaps() {
        let pattern = PhrasePattern("speak|talk to|with ~2 human|person")
        #expect(pattern.firstMatch(in: words("Can I talk to a real person?")) == 2..<7)
        #expect(pattern.occurs(in: words("speak with humans")) == false)
        #expect(pattern.occurs(in: words("talk to you about a person")) == false)
        let optional = PhrasePattern("i|we have now? escalated")
        #expect(optional.occurs(in: words("We have escalated it")))
        #expect(optional.occurs(in: words("I have now escalated it")))
        #expect(!optional.occurs(in: words("I have not escalated it")))
    }

    @Test func matchedTextIsQuotedAsWritten() {
        let message = MessageWords("Good news: I’ve  ESCALATED it.")
        let match = PhrasePattern("i've escalated").firstMatch(in: message)
        #expect(match.map(message.text(of:)) == "I’ve  ESCALATED")
    }
}
