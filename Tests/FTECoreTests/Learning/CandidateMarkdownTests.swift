@testable import FTECore
import Foundation
import Testing

/// The editable draft and the approved document of a knowledge-base candidate.
@Suite struct CandidateMarkdownTests {
    let text = CandidateText(
        title: "Is there a \"dark\" mode?", category: "technical", question: "Is there a dark mode?\nMy eyes hurt.",
        answer: "Yes:\n1. Open Settings > Appearance.\n2. Choose Dark.")

    @Test func aDraftReadsBackAsItWasWritten() throws {
        #expect(try CandidateMarkdown.parseDraft(CandidateMarkdown.draft(text)) == text)
    }

    @Test func anEditedDraftIsRead() throws {
        let edited = CandidateMarkdown.draft(text)
            .replacingOccurrences(of: "category: technical", with: "category: account")
            .replacingOccurrences(of: "Choose Dark.", with: "Choose Dark or Automatic.")
        let read = try CandidateMarkdown.parseDraft(edited)
        #expect(read.category == "account")
        #expect(read.answer.hasSuffix("Choose Dark or Automatic."))
    }

    @Test(arguments: [
        ("no front matter\n## Question\nq\n## Answer\na", "front matter"),
        ("---\ntitle: \"T\"\ncategory: general\n---\n## Question\nq", "## Answer"),
        ("---\ntitle: \"\"\ncategory: general\n---\n## Question\nq\n## Answer\na", "title must not be empty"),
        ("---\ntitle: \"T\"\ncategory: two words\n---\n## Question\nq\n## Answer\na", "category must be one word"),
        ("---\ntitle: \"T\"\ncategory: general\n---\n## Question\n\n## Answer\na", "question must not be empty"),
        ("---\ntitle: \"T\"\ncategory: general\n---\nstray text\n## Question\nq\n## Answer\na", "before the ## Question"),
    ])
    func malformedDraftsAreRefusedWithTheReason(_ markdown: String, _ expected: String) {
        #expect(throws: LearningError.self) { try CandidateMarkdown.parseDraft(markdown) }
        do {
            _ = try CandidateMarkdown.parseDraft(markdown)
        } catch let error as LearningError {
            #expect(error.code == .invalidInput && error.message.contains(expected), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("Is there a dark mode?", "is-there-a-dark-mode.md"), ("Wie ändere ich die Sprache?", "wie-andere-ich-die-sprache.md"),
        ("???", "candidate-7.md"), ("../../etc/passwd", "etc-passwd.md"),
        (String(repeating: "very long title ", count: 10), "very-long-title-very-long-title-very-long-title-very-long.md"),
    ])
    func fileNamesAreSafeSlugs(_ title: String, _ expected: String) {
        #expect(CandidateMarkdown.fileName(title: title, id: 7) == expected)
    }
}
