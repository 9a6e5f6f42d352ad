@testable import FTEFakes
import Testing

@Suite struct ScriptedKnowledgeBaseAnswerTests {
    @Test func theScriptedModelSearchesForTheQuestionNotTheLetterAroundIt() {
        let letter = "Hello,\n\nQuick question: how do I reset my password?\n\nThanks a lot,\nAnn"
        #expect(ScriptedLLMServer.Reply.searchQuery(in: letter) == "Quick question: how do I reset my password?")
        #expect(ScriptedLLMServer.Reply.searchQuery(in: "hi, how do I export a board? thx") == "hi, how do I export a board? thx")
    }
}

extension ScriptedKnowledgeBaseAnswerTests {
    @Test func theScriptedAnswerQuotesTheFirstWordsOfThePassagesLeavingOutBracketedWords() {
        let toolResult = "[billing/refunds.md › Refunds]\nRefunds are issued\twithin 5 days.\n\n[account/sso.md]\nSSO needs   the Business plan."
        #expect(ScriptedLLMServer.Reply.leadingWords(of: toolResult, count: 40)
            == "› Refunds] Refunds are issued within 5 days. SSO needs the Business plan.")
        #expect(ScriptedLLMServer.Reply.leadingWords(of: toolResult, count: 3) == "› Refunds] Refunds")
        #expect(ScriptedLLMServer.Reply.leadingWords(of: " \n ", count: 40) == "")
    }
}
