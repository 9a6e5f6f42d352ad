import FTECore
import Testing

@testable import FTEMCP

/// The agent's rules a person's reply through MCP must pass; the wording varies on purpose.
@Suite struct ReplyReviewTests {
    private let review = ReplyReview(checks: ReplyChecks(competitors: ["Zendesk", "Help Scout"]))

    @Test func pricesCompetitorsAndClaimedActionsAreRefused() {
        let refused = [
            "The Team plan is $8 per seat.", "That is 96 EUR a year.", "You'd pay £5/mo.",
            "Zendesk does it differently.", "Unlike Help Scout, we keep history.",
            "I have refunded you.", "We've issued a refund to your card.", "Your refund has been processed.",
            "I've escalated this for you.", "A human agent will contact you shortly.", "I will follow up on Friday.",
        ]
        for message in refused {
            for channel in Channel.allCases {
                #expect(!review.violations(in: message, channel: channel, escalated: false).isEmpty, "\(message) (\(channel))")
            }
        }
    }

    @Test func factsLongRepliesAndTrueEscalationsPass() {
        let plain = [
            "Open Settings, then Data, and choose Export.", "Refunds are decided by our billing team.",
            "Error 404 means the board was deleted.", "You can invite up to 10 guests on the free plan.",
        ]
        for message in plain {
            #expect(review.violations(in: message, channel: .email, escalated: false).isEmpty, "\(message)")
        }
        let long = Array(repeating: "This sentence explains one more step of the export.", count: 120).joined(separator: " ")
        #expect(review.violations(in: long, channel: .whatsapp, escalated: false).isEmpty, "a person's reply keeps fte ticket reply's limits")
        #expect(review.violations(in: "I've escalated this to our billing team.", channel: .email, escalated: true).isEmpty)
        #expect(review.violations(in: "Our team will get back to you tomorrow.", channel: .webForm, escalated: true).isEmpty)
        #expect(!review.violations(in: "I have refunded you.", channel: .email, escalated: true).isEmpty, "nobody can claim a refund")
    }
}
