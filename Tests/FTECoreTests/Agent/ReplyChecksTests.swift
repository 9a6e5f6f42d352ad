import Testing
@testable import FTECore

@Suite struct ReplyChecksTests {
    private let checks = ReplyChecks(competitors: ["Zendesk", "Help Scout"])
    private let sourced = DraftKind.answer(sources: ["account/resetting-your-password.txt"])

    private func violations(
        _ draft: String, _ channel: Channel = .email, kind: DraftKind? = nil, performed: Set<AgentAction> = [.ticketCreated]
    ) -> [ReplyViolation] {
        checks.violations(in: draft, channel: channel, kind: kind ?? sourced, performedActions: performed)
    }

    private func words(_ count: Int) -> String {
        Array(repeating: "word", count: count).joined(separator: " ")
    }

    @Test func aSourcedPlainAnswerPasses() {
        #expect(violations("Open Settings, then Security, and choose Reset password. The link is valid for 30 minutes.").isEmpty)
    }

    // MARK: Length

    @Test func wordLimitsFollowTheChannel() {
        #expect(violations(words(500), .email).isEmpty)
        #expect(violations(words(501), .email) == [.tooLong(channel: .email, length: 501, limit: 500, unit: .words)])
        #expect(violations(words(300), .webForm).isEmpty)
        #expect(violations(words(301), .webForm) == [.tooLong(channel: .webForm, length: 301, limit: 300, unit: .words)])
        #expect(violations(words(301), .whatsapp) == [.tooLong(channel: .whatsapp, length: 1504, limit: 1000, unit: .characters)])
    }

    @Test func whatsAppSoftLimitIsConfigurable() {
        let draft = String(repeating: "a", count: 1000)
        #expect(violations(draft, .whatsapp).isEmpty)
        #expect(violations(draft + "b", .whatsapp) == [.tooLong(channel: .whatsapp, length: 1001, limit: 1000, unit: .characters)])
        let strict = ReplyChecks(limits: ReplyLimits(whatsAppDraftCharacters: 300))
        #expect(strict.violations(in: String(repeating: "a", count: 301), channel: .whatsapp, kind: .notice, performedActions: []).count == 1)
    }

    // MARK: Prices

    @Test(arguments: [
        ("The Pro plan is $49.", "$49"),
        ("It costs 49 USD per seat.", "49 USD"),
        ("Only €10/month!", "€10"),
        ("That is 12 per month.", "12 per month"),
        ("The add-on is 8/mo.", "8/mo"),
        ("It is USD 1,200.50 a year.", "USD 1,200.50"),
        ("Roughly 20 dollars.", "20 dollars"),
        ("Pay £9.99 today", "£9.99"),
    ])
    func pricesAreFlagged(draft: String, price: String) {
        #expect(violations(draft) == [.quotesPrice(price)])
    }

    @Test(arguments: [
        "You can create up to 10 boards on the free plan.",
        "Error 404 means the board was deleted.",
        "We answer 24/7.",
        "Version 2.0 added dark mode.",
        "Set $HOME before running the CLI.",
        "You can export 5 reports per month from the dashboard.",
    ])
    func numbersThatAreNotPricesPass(draft: String) {
        #expect(violations(draft).isEmpty)
    }

    // MARK: Competitors

    @Test func competitorsAreMatchedWholeWordAndCaseInsensitively() {
        #expect(violations("Unlike ZENDESK, we sync boards.") == [.namesCompetitor("ZENDESK")])
        #expect(violations("Zendesk's importer works too.") == [.namesCompetitor("Zendesk's")])
        #expect(violations("Try help  scout for that.") == [.namesCompetitor("help  scout")])
        #expect(violations("Zendesks and helpscout are fine; help is near, scout it out.").isEmpty)
        #expect(ReplyChecks().violations(in: "Zendesk is fine.", channel: .email, kind: sourced, performedActions: []).isEmpty)
    }

    @Test func competitorsComeFromTheEnvironment() {
        let checks = ReplyChecks.fromEnvironment(["FTE_COMPETITORS": " Chatwoot, ,Intercom ,"])
        #expect(checks.competitors == ["Chatwoot", "Intercom"])
        #expect(ReplyChecks.fromEnvironment([:]).competitors.isEmpty)
    }

    // MARK: Sources

    @Test func answersNeedSourcesButNoticesDoNot() {
        #expect(violations("Boards sync every hour.", kind: .answer(sources: [])) == [.unsourcedAnswer])
        #expect(violations("Thanks for your message. A colleague will reply.", kind: .notice, performed: [.escalated]).isEmpty)
    }

    // MARK: Claims

    @Test(arguments: [
        ("I have escalated your request.", AgentAction.escalated, "I have escalated"),
        ("I've forwarded this to our billing team.", .escalated, "I've forwarded"),
        ("Your case has been escalated.", .escalated, "has been escalated"),
        ("A human agent will contact you shortly.", .escalated, "A human agent will contact"),
        ("Our team will get back to you tomorrow.", .escalated, "Our team will get"),
        ("We'll be in touch soon.", .escalated, "We'll be in touch"),
        ("I have refunded the charge.", .refunded, "I have refunded"),
        ("Your refund has been processed.", .refunded, "refund has been processed"),
        ("We've issued a refund to your card.", .refunded, "We've issued a refund"),
        ("I will follow up on Monday.", .followUpScheduled, "I will follow up"),
        ("I'll get back to you.", .followUpScheduled, "I'll get back"),
    ])
    func claimsWithoutTheActionAreFlagged(draft: String, action: AgentAction, phrase: String) {
        #expect(violations(draft, kind: .notice, performed: [.ticketCreated]) == [.claimsUnperformedAction(action, phrase: phrase)])
    }

    @Test func claimsOfPerformedActionsPass() {
        let notice = "I have escalated your request. A human agent will contact you within 24 hours."
        #expect(violations(notice, kind: .notice, performed: [.ticketCreated, .escalated]).isEmpty)
        #expect(violations("I've created a ticket for this.", kind: .notice, performed: [.ticketCreated]).isEmpty)
        #expect(violations("I've created a ticket for this.", kind: .notice, performed: [])
            == [.claimsUnperformedAction(.ticketCreated, phrase: "I've created a ticket")])
    }

    @Test(arguments: [
        "Refunds are issued to the original payment method within 10 days.",
        "Our team will be happy to see you at the webinar.",
        "If the issue persists, reply to this email and we can look at it together.",
        "The export has not been escalated to the API yet.",
    ])
    func factualSentencesAreNotClaims(draft: String) {
        #expect(violations(draft).isEmpty)
    }

    @Test func violationsComeInAStableOrderWithUsableFeedback() {
        let draft = "Zendesk charges $20. I have refunded you."
        let found = violations(draft, kind: .answer(sources: []))
        #expect(found == [
            .quotesPrice("$20"), .namesCompetitor("Zendesk"), .unsourcedAnswer,
            .claimsUnperformedAction(.refunded, phrase: "I have refunded"),
        ])
        #expect(found[0].description.contains("“$20”") && found[0].description.contains("Never quote prices"))
        #expect(found[1].description.contains("“Zendesk”"))
        #expect(found[3].description.contains("“I have refunded”") && found[3].description.contains("refund"))
        #expect(ReplyViolation.tooLong(channel: .whatsapp, length: 1200, limit: 1000, unit: .characters).description
            == "The reply is 1200 characters long; WhatsApp replies must stay within 1000 characters (aim for about 300 characters). Shorten it.")
    }
}
