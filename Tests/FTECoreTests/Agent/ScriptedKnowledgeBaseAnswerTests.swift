import FTETesting
import Testing

@Suite struct ScriptedKnowledgeBaseAnswerTests {
    @Test func theScriptedModelSearchesForTheQuestionNotTheLetterAroundIt() {
        let letter = "Hello,\n\nQuick question: how do I reset my password?\n\nThanks a lot,\nAnn"
        #expect(ScriptedLLMServer.Reply.searchQuery(in: letter) == "Quick question: how do I reset my password?")
        #expect(ScriptedLLMServer.Reply.searchQuery(in: "hi, how do I export a board? thx") == "hi, how do I export a board? thx")
    }
}
