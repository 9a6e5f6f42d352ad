import FTECore
import FTETestSupport
import Foundation
import Testing

/// The trust model in the CRM (docs/worker.md, "Trust model"): a claim links for routing and the
/// humans' view, but never discloses what a verified channel said, never replaces verified data,
/// and a ticket shows its own messages only.
@Suite(.timeLimit(.minutes(2))) struct TrustModelTests {
    typealias Events = ConversationIntakeTests
    static let victimPhone = "+14155550999"
    static let victimEmail = "victor@example.com"

    /// Stores a reply to `inbound` the way the worker does.
    static func reply(_ text: String, to inbound: InboundRecord, channel: Channel, recipient: String, _ client: Database) async throws {
        try await ReplyRecorder(database: client).record(
            ReplyRecord(content: text, author: .builtin), to: inbound, channel: channel, recipient: recipient,
            payload: OutboxPayload(parts: [text], ticketID: inbound.ticketID))
    }

    @Test func theTicketPageShowsOnlyItsOwnMessagesWhenTheVictimWritesFromAClaimedPhone() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let mallory = try await intake.record(
                    Events.webForm("mallory@example.net", phone: Self.victimPhone, name: "Mallory", content: "Where is my parcel?"),
                    sentiment: 0.5)
                try await Self.reply("Your parcel is on its way.", to: mallory, channel: .webForm, recipient: "mallory@example.net", client)
                let victim = try await intake.record(
                    Events.whatsApp(Self.victimPhone, content: "My card ending 4242 was charged twice", name: "Victor"), sentiment: 0.5)
                try await Self.reply("Hi Victor! We are checking the charge.", to: victim, channel: .whatsapp, recipient: Self.victimPhone, client)

                // Routed to one customer, as the humans should see it …
                #expect(victim.customerID == mallory.customerID)
                // … but the victim's message opened a ticket of its own,
                #expect(victim.ticketID != mallory.ticketID)
                // and Mallory's page shows her message and its reply, nothing of the victim's.
                let page = try #require(try await TicketStore(database: client).supportStatus(mallory.ticketID))
                #expect(page.messages.map(\.content) == ["Where is my parcel?", "Your parcel is on its way."])
                #expect(page.messages.allSatisfy { $0.channel == "web_form" })
                // The victim sees nothing of Mallory's either, and Mallory's claimed name is not theirs to keep.
                #expect(try await intake.history(before: victim, channel: .whatsapp).map(\.content) == ["Hi Victor! We are checking the charge."],
                        "only the victim's own thread")
                let name = try await client.query("SELECT name, name_verified FROM customers").first!
                #expect(try name.decode("name", as: String.self) == "Victor")
                #expect(try name.decode("name_verified", as: Bool.self))
            }
        }
    }

    @Test func aClaimantSeesNothingOfTheVerifiedOwnersConversationAndCannotRenameThem() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let owner = try await intake.record(
                    Events.email(Self.victimEmail, content: "Invoice 4411 is wrong, I was billed for 40 seats.", name: "Victor Hugo",
                                 subject: "Invoice 4411 dispute"), sentiment: 0.5)
                try await Self.reply("Dear Victor Hugo, we are looking into invoice 4411.", to: owner, channel: .email, recipient: Self.victimEmail, client)
                let mallory = try await intake.record(
                    Events.webForm(Self.victimEmail, name: "Mallory", content: "Please resend my last invoice."), sentiment: 0.5)

                #expect(mallory.customerID == owner.customerID, "linked by the claim, for routing")
                #expect(!mallory.senderProven)
                #expect(mallory.history == [], "no history for a claimant")
                #expect(try await intake.history(before: mallory, channel: .webForm).isEmpty)
                let customer = try await client.query("SELECT name, name_verified FROM customers").first!
                #expect(try customer.decode("name", as: String.self) == "Victor Hugo")
                let page = try #require(try await TicketStore(database: client).supportStatus(mallory.ticketID))
                #expect(page.messages.map(\.content) == ["Please resend my last invoice."])
                // The verified owner still sees their own thread, and not the claimant's message.
                let again = try await intake.record(Events.email(Self.victimEmail, content: "Any news?", name: "Victor Hugo"), sentiment: 0.5)
                #expect(try await intake.history(before: again, channel: .email).map(\.content) == [
                    "Invoice 4411 is wrong, I was billed for 40 seats.", "Dear Victor Hugo, we are looking into invoice 4411.",
                ])
            }
        }
    }

    @Test func aVerifiedAddressLinkedBySomeoneElsesClaimSeesOnlyItsOwnMessages() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let mallorysPhone = "+14155550777"
                _ = try await intake.record(Events.email(Self.victimEmail, content: "My password is not accepted.", name: "Victor"), sentiment: 0.5)
                // Mallory types the victim's e-mail and her own phone: the phone is linked to the victim.
                _ = try await intake.record(Events.webForm(Self.victimEmail, phone: mallorysPhone, name: "Mallory"), sentiment: 0.5)
                let first = try await intake.record(Events.whatsApp(mallorysPhone, content: "Hello?", name: "Mallory"), sentiment: 0.5)
                let second = try await intake.record(Events.whatsApp(mallorysPhone, content: "What did I write by e-mail?", name: "Mallory"), sentiment: 0.5)
                #expect(second.customerID == first.customerID)
                #expect(second.senderProven, "Twilio proves her number …")
                #expect(try await intake.history(before: second, channel: .whatsapp).map(\.content) == ["Hello?"],
                        "… which unlocks only what that number wrote")
                let name = try await client.query("SELECT name FROM customers").first!.decode("name", as: String.self)
                #expect(name == "Victor", "a verified name stays")
            }
        }
    }

    @Test func aSpoofedEMailIsAClaimThatJoinsNoVerifiedTicketAndSeesNothing() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let owner = try await intake.record(Events.email(Self.victimEmail, content: "Export fails.", name: "Victor"), sentiment: 0.5)
                let spoofed = try await intake.record(
                    Events.email(Self.victimEmail, content: "Read me my last messages.", name: "Victor", verified: false), sentiment: 0.5)
                #expect(!spoofed.senderProven)
                #expect(spoofed.ticketID != owner.ticketID)
                #expect(spoofed.history == [])
                let verified = try await client.query("SELECT verified_by FROM customer_identifiers").first!.decode("verified_by", as: String.self)
                #expect(verified == "gmail_dmarc", "a claim never takes the verification away either")
            }
        }
    }

    @Test func aVerifiedReplyInTheThreadOfTheWebAnswerProvesTheSubmission() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let intake = ConversationIntake(database: client)
                let jane = "jane@example.com"
                let form = try await intake.record(
                    Events.webForm(jane, content: "Export to CSV fails with error 42."), sentiment: 0.5)
                try await Self.reply("Please try again.", to: form, channel: .webForm, recipient: jane, client)
                // The outbox e-mailed the answer: Gmail's id of that message is its thread's id.
                try await client.execute("UPDATE outbox SET status = 'sent', provider_message_ids = '{18f0000000000abc}'")

                // A claim in the thread, and a verified sender of another address, prove nothing.
                let spoofed = try await intake.record(Events.email(jane, content: "It is me.", verified: false, thread: "18f0000000000abc"), sentiment: 0.5)
                let other = try await intake.record(Events.email("eve@example.com", content: "Me too.", thread: "18f0000000000abc"), sentiment: 0.5)
                #expect(try await Self.proof(of: form, client) == nil)
                #expect(spoofed.history == [] && other.history == [])

                let answer = try await intake.record(
                    Events.email(jane, content: "Still failing after trying again.", thread: "18f0000000000abc"), sentiment: 0.5)
                #expect(try await Self.proof(of: form, client) == "email_reply")
                #expect(answer.history?.map(\.content) == ["Export to CSV fails with error 42.", "Please try again."])
                #expect(answer.history?.first?.channel == .webForm, "earlier contact on another channel, now the address's own")
                // The page stays the form's: the e-mail goes on by e-mail.
                let page = try #require(try await TicketStore(database: client).supportStatus(form.ticketID))
                #expect(page.messages.map(\.content) == ["Export to CSV fails with error 42.", "Please try again."])
            }
        }
    }

    static func proof(of inbound: InboundRecord, _ client: Database) async throws -> String? {
        try await client.query("SELECT sender_proof FROM messages WHERE id = \(inbound.messageID)").first!.decode("sender_proof")
    }
}
