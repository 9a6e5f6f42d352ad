import Foundation
import Testing
@testable import FTECore

@Suite struct WebFormValidationTests {
    let ticket = UUID()
    let valid = WebFormSubmission(
        name: "  Jane Doe ", email: "JANE@Example.com", subject: "Export is broken", category: "bug_report",
        priority: nil, message: "The export button does nothing.\nSteps: click it.", phone: nil)

    @Test func aValidFormBecomesANormalisedEvent() throws {
        let event = try valid.validated(ticketID: ticket)
        #expect(event.channel == .webForm)
        #expect(event.channelMessageID == ticket.uuidString.lowercased())
        #expect(event.customer == .init(email: "jane@example.com", phone: nil, name: "Jane Doe"))
        #expect(event.priority == .medium)
        #expect(event.category == .bugReport)
        #expect(event.content.contains("\n"))
        #expect(event.metadata["form_version"] == WebFormRules.formVersion)
    }

    @Test func everyBadFieldIsReportedAtOnce() {
        let form = WebFormSubmission(name: "J", email: "jane@", subject: "Hi", category: "sales", priority: "now", message: "short", phone: "555")
        #expect(throws: WebFormValidationError([
            "name": "must be at least 2 characters", "email": "must be a valid e-mail address, like name@example.com",
            "subject": "must be at least 5 characters", "category": "must be one of general, technical, billing, bug_report, feedback",
            "priority": "must be one of low, medium, high", "message": "must be at least 10 characters",
            "phone": "must be an international number, like +14155550100",
        ])) { try form.validated(ticketID: ticket) }
    }

    @Test func blankAndControlOnlyFieldsCountAsMissing() {
        let form = WebFormSubmission(name: " \u{0007} ", email: "", subject: nil, category: "  ", message: "\u{0000}")
        #expect(throws: WebFormValidationError([
            "name": "is required", "email": "is required", "subject": "is required", "category": "is required",
            "message": "is required",
        ])) { try form.validated(ticketID: ticket) }
    }

    @Test func namesAndSubjectsOfInvisibleCharactersAreRefused() {
        var form = valid
        form.name = "\u{200B}\u{200C}\u{200D}\u{2060}"
        form.subject = "\u{202E}\u{202D}\u{FEFF}\u{200E}\u{2068}"
        #expect(throws: WebFormValidationError([
            "name": "must contain visible characters", "subject": "must contain visible characters",
        ])) { try form.validated(ticketID: ticket) }
    }

    @Test func bidiControlsAreStrippedFromNamesAndSubjects() throws {
        var form = valid
        form.name = "Jane\u{202E} Doe\u{202C}"
        form.subject = "\u{2067}Export is broken\u{2069}"
        let event = try form.validated(ticketID: ticket)
        #expect(event.customer.name == "Jane Doe")
        #expect(event.subject == "Export is broken")
        // Invisible padding does not make a name long enough.
        form.name = "J\u{200B}\u{200B}\u{202E}"
        #expect(throws: WebFormValidationError(["name": "must be at least 2 characters"])) { try form.validated(ticketID: ticket) }
    }

    @Test func controlCharactersAreDroppedSoTheQueueCanStoreTheText() throws {
        var form = valid
        form.message = "Hello\u{0000} there, the board is\u{001B} broken."
        let event = try form.validated(ticketID: ticket)
        #expect(event.content == "Hello there, the board is broken.")
    }

    @Test func mistypedFieldsAreFieldErrors() throws {
        let json = #"{"name": 7, "email": "jane@example.com", "subject": ["x"], "category": "general", "message": "A long enough message"}"#
        let form = try WebFormSubmission(body: Data(json.utf8))
        #expect(try JSONDecoder().decode(WebFormSubmission.self, from: Data(json.utf8)) == form)
        #expect(throws: WebFormValidationError(["name": "must be text", "subject": "must be text"])) {
            try form.validated(ticketID: ticket)
        }
    }

    @Test func aBodyThatIsNotAJSONObjectIsRefused() {
        for body in ["", "[1]", "\"text\"", "{\"name\": \"x\"", "null"] {
            #expect(throws: (any Error).self) { try WebFormSubmission(body: Data(body.utf8)) }
        }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(WebFormSubmission.self, from: Data("[1]".utf8)) }
    }

    @Test func theHoneypotMarksBots() {
        var form = valid
        #expect(!form.isLikelyBot)
        form.website = "http://spam.example"
        #expect(form.isLikelyBot)
    }
}
