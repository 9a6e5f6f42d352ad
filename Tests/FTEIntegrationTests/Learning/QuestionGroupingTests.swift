import FTECore
import FTETestSupport
import Foundation
import Testing

/// How well the local model and ``QuestionTopics`` put the same question in other words into one
/// topic, on two hand-written sets of support questions: each inner list is one need in varied
/// wordings, asked interleaved (every need's first wording, then every second, …) as customers
/// would. The first set chose the default threshold, the second (other needs) checks it.
/// Precision: of the pairs put in one group, the share that are one need; recall: of the pairs
/// that are one need, the share put in one group. docs/report.md gives the figures.
@Suite(.timeLimit(.minutes(3))) struct QuestionGroupingTests {
    static let chosenWith: [[String]] = [
        ["Is there a dark mode?", "Can I switch the app to a dark theme?", "How do I enable night mode?", "the white screen is too bright at night, is there a dark setting?", "Does Nimbus Boards have a dark mode? My eyes hurt when I work late."],
        ["How do I cancel my subscription?", "I want to stop my plan, how?", "Where can I end my membership?", "Please help me unsubscribe from the paid plan", "cancel my account subscription please"],
        ["How can I change the email on my account?", "I need to update my login email address", "Can I use a different e-mail for my account?", "My email address changed, how do I update it in my profile?"],
        ["Can I export my tasks to CSV?", "How do I download all my data as a spreadsheet?", "Is there a way to get an Excel export of my boards?", "export board to csv file"],
        ["How do I import tasks from a CSV file?", "Can I upload a spreadsheet to create cards?", "Importing from Excel, is that possible?", "I have a CSV with 200 tasks, how do I bring them in?"],
        ["I lost my phone and can't get my 2FA code", "My authenticator app is gone, how do I log in?", "Locked out because I don't have my two-factor device anymore", "new phone, old authenticator codes don't work"],
        ["How do I invite a colleague to my workspace?", "Can I add team members?", "How to give my coworker access to our boards?", "add a new user to the team"],
        ["When will my order arrive?", "How long does delivery take?", "What's the shipping time to Germany?", "my package still hasn't arrived, where is it?"],
        ["I didn't receive the password reset email", "The reset link never arrives in my inbox", "No email comes when I click forgot password", "password reset mail not received"],
        ["What is the API rate limit?", "How many requests per minute can I make to the API?", "I'm getting 429 errors from your API", "api throttling limits?"],
        ["How do I delete my account?", "Please remove my account and all my data", "I want to close my account permanently", "delete profile"],
        ["Can I change the company address on my invoices?", "My invoice shows the wrong billing address", "How do I update the VAT number on my invoices?", "need to correct company name on invoice"],
        ["Changes on my phone don't show on the desktop", "The mobile app isn't syncing", "My iPad and laptop show different boards", "sync between devices broken"],
        ["Can I sync due dates with Google Calendar?", "Is there an Outlook calendar integration?", "How do I see my tasks in my calendar?", "calendar sync for deadlines"],
        ["The board takes forever to load", "Everything is very slow today", "Why is the app so laggy with big boards?", "performance is terrible, pages load for 20 seconds"],
        ["How do I change my password?", "I want to set a new password for my account", "Where can I update my password?", "change pw"],
        ["How do I add more seats to our plan?", "We hired 5 people, how do we buy more licenses?", "increase number of users on subscription"],
        ["How do I downgrade to the free plan?", "Can I move from Business to Starter?", "switch to a cheaper plan"],
    ]
    static let checkedWith: [[String]] = [
        ["How do I change the time zone of my account?", "My due dates show the wrong hour, where do I set my timezone?", "times are off by 6 hours", "set time zone to CET"],
        ["I get too many email notifications, how do I turn them off?", "Can I stop the daily digest emails?", "unsubscribe from notification mails", "How to mute notifications for one board?"],
        ["My attachment won't upload", "Upload of a 30 MB PDF fails", "What is the maximum file size for attachments?", "file upload keeps failing"],
        ["Do you support SAML single sign-on?", "Can we log in with Okta?", "How do I set up SSO with Azure AD?", "is there SSO for enterprise"],
        ["Why was VAT added to my invoice?", "We are a business in the EU, can you remove VAT?", "reverse charge VAT for my company", "tax on my bill is wrong"],
        ["How do I restore an archived board?", "I archived a card by mistake, can I get it back?", "where do archived items go?", "unarchive a project"],
        ["My webhook isn't receiving events", "Webhook deliveries fail with a signature error", "How do I verify webhook signatures?", "webhooks stopped working yesterday"],
        ["Where is my data stored?", "Is your service GDPR compliant?", "Do you host data in the EU?", "I need a data processing agreement"],
        ["Can I print a board?", "How do I make a PDF of my board to share?", "print view for cards", "is there a printable version of the timeline?"],
        ["Can I save a board as a template?", "How do I reuse the structure of a project?", "create template from existing board", "Are there templates for sprint planning?"],
        ["Does the app work offline?", "I was on a plane and my changes got lost", "offline mode on Android", "edit cards without internet"],
        ["I can't log in", "It says my password is wrong but it's right", "login page keeps reloading", "unable to sign in since this morning"],
    ]

    /// (precision, recall, groups) of grouping `sets` at the default similarity.
    static func measure(_ sets: [[String]]) async throws -> (precision: Double, recall: Double, groups: Int) {
        let embedder = try await MiniLMEmbedder.load(configuration: LocalEmbedderConfiguration.fromEnvironment())
        let asked = (0..<sets.map(\.count).max()!).flatMap { round in
            sets.indices.compactMap { need in round < sets[need].count ? (need: need, text: sets[need][round]) : nil }
        }
        let need = asked.map(\.need)
        return try await withTestDatabase { db in
            try await db.withClient { client in
                let questions = try await QuestionTopicsTests.ask(client, asked.map(\.text))
                let groups = try await QuestionTopics(database: client, vectors: QuestionVectors(database: client, embedder: embedder))
                    .group(questions)
                var groupOf = [Int](repeating: -1, count: asked.count)
                for (index, group) in groups.enumerated() { group.texts.joined().forEach { groupOf[$0] = index } }
                var (together, right, same) = (0, 0, 0)
                for i in asked.indices {
                    for j in asked.indices where j > i {
                        if groupOf[i] == groupOf[j] { together += 1; if need[i] == need[j] { right += 1 } }
                        if need[i] == need[j] { same += 1 }
                    }
                }
                return (Double(right) / Double(max(1, together)), Double(right) / Double(same), groups.count)
            }
        }
    }

    @Test func theSetTheThresholdWasChosenWith() async throws {
        let (precision, recall, groups) = try await Self.measure(Self.chosenWith)
        print("chosen with: precision \(precision), recall \(recall), \(groups) groups for \(Self.chosenWith.count) needs")
        #expect(precision >= 0.85 && recall >= 0.4, "precision \(precision), recall \(recall)")
    }

    @Test func aSetOfOtherNeedsGroupsAsWell() async throws {
        let (precision, recall, groups) = try await Self.measure(Self.checkedWith)
        print("checked with: precision \(precision), recall \(recall), \(groups) groups for \(Self.checkedWith.count) needs")
        #expect(precision >= 0.8 && recall >= 0.3, "precision \(precision), recall \(recall)")
    }
}
