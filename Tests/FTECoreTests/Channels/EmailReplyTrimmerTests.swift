import Testing
@testable import FTECore

@Suite struct EmailReplyTrimmerTests {
    @Test func gmailQuoteWrappedOverTwoLinesIsRemoved() {
        let text = """
            Yes, that fixed it.

            On Tue, Mar 4, 2025 at 9:12 AM FTE Support <support@fte.example>
            wrote:

            > Please clear the cache.
            """
        #expect(EmailReplyTrimmer.trim(text) == "Yes, that fixed it.")
    }

    @Test func interleavedQuoteLinesAreDropped() {
        let text = "> Which plan are you on?\nPro.\n> Since when?\nMarch."
        #expect(EmailReplyTrimmer.trim(text) == "Pro.\nMarch.")
    }

    @Test(arguments: [
        "Thanks!\n\n-----Original Message-----\nFrom: support@fte.example\nOld text",
        "Thanks!\n\n________________________________\nFrom: FTE Support\nSent: Monday\nTo: me\n\nOld text",
        "Thanks!\nFrom: FTE Support <support@fte.example>\nDate: Mon, 3 Mar 2025\nSubject: Re: x\n\nOld text",
        "Thanks!\n-- \nJane Doe\nCTO, Acme",
        "Thanks!\n\nSent from my iPhone",
        "Thanks!\n\nGet Outlook for Android",
        "Thanks!\n\nAm Mo., 3. März 2025 um 10:00 Uhr schrieb FTE Support <s@fte.example>:\n> alt",
        "Thanks!\n\nLe lun. 3 mars 2025 à 10:00, FTE Support <s@fte.example> a écrit :\n> ancien",
    ])
    func historyAndSignaturesAreCut(text: String) {
        #expect(EmailReplyTrimmer.trim(text) == "Thanks!")
    }

    @Test func ordinaryTextIsKept() {
        let text = "On Monday I wrote:\nthe export failed.\nFrom: the dashboard, not the API.\n\n\n\nThanks"
        #expect(EmailReplyTrimmer.trim(text)
            == "On Monday I wrote:\nthe export failed.\nFrom: the dashboard, not the API.\n\nThanks")
    }

    @Test func aBareForwardKeepsItsText() {
        let text = "-----Original Message-----\nFrom: boss@example.com\nPlease handle this refund."
        #expect(EmailReplyTrimmer.trim(text) == text)
    }
}
