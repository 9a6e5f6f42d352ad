import Foundation
import Testing
@testable import FTECore

@Suite struct DocumentParsingTests {
    @Test func markdownSectionsFollowHeadingsAndKeepCodeWhole() {
        let markdown = """
            ---
            layout: article
            ---
            # Resetting your password

            Open the login page.
            Click **Forgot password**.

            ## By e-mail
            1. Enter your address.
            2. Open the link.

            ```bash
            curl -X POST https://api.example.com/reset

            # not a heading
            ```

            ### Expired links
            Links expire after 24 hours.
            ## By phone
            Call support.
            """
        let doc = MarkdownParser.parse(markdown, fallbackTitle: "fallback")
        #expect(doc.title == "Resetting your password")
        #expect(doc.sections.map(\.headingPath) == [
            ["Resetting your password"],
            ["Resetting your password", "By e-mail"],
            ["Resetting your password", "By e-mail", "Expired links"],
            ["Resetting your password", "By phone"],
        ])
        #expect(doc.sections[0].blocks == [.init("Open the login page. Click **Forgot password**.")])
        #expect(doc.sections[1].blocks.count == 3)
        #expect(doc.sections[1].blocks[2].isCode)
        #expect(doc.sections[1].blocks[2].text.contains("# not a heading"))
        #expect(!markdown.contains("layout: article") || !doc.sections.flatMap(\.blocks).contains { $0.text.contains("layout") })
    }

    @Test func htmlDropsScriptsAndStylesAndKeepsHeadings() {
        let html = """
            <!DOCTYPE html><html><head><title>Page title</title><style>body { color: red }</style>
            <script>var secret = "<h1>not content</h1>";</script></head>
            <body><!-- a comment <p>hidden</p> --><h1>Two-factor &amp; you</h1>
            <p>Use an <b>authenticator</b>&nbsp;app.</p><ul><li>First</li><li>Second &#8211; done</li></ul>
            <h2>Recovery</h2><pre>code  line 1
              line 2</pre><noscript>enable JS</noscript></body></html>
            """
        let doc = HTMLParser.parse(html, fallbackTitle: "f")
        #expect(doc.title == "Two-factor & you")
        let all = doc.sections.flatMap(\.blocks).map(\.text)
        #expect(all.contains("Use an authenticator app."))
        #expect(all.contains("Second – done"))
        #expect(!all.joined().contains("secret"))
        #expect(!all.joined().contains("color"))
        #expect(!all.joined().contains("hidden"))
        #expect(!all.joined().contains("enable JS"))
        #expect(doc.sections.last?.headingPath == ["Two-factor & you", "Recovery"])
        #expect(doc.sections.last?.blocks.first?.isCode == true)
        #expect(doc.sections.last?.blocks.first?.text.contains("  line 2") == true)
    }

    @Test func plainTextTitleAndUnderlinedSections() {
        let text = "Billing FAQ\n\nInvoices are monthly.\nThey arrive by e-mail.\n\nRefunds\n-------\nAsk the billing team.\n"
        let doc = PlainTextParser.parse(text, fallbackTitle: "f")
        #expect(doc.title == "Billing FAQ")
        #expect(doc.sections.map(\.headingPath) == [["Billing FAQ"], ["Billing FAQ", "Refunds"]])
        #expect(doc.sections[0].blocks == [.init("Invoices are monthly. They arrive by e-mail.")])
    }

    @Test func binaryAndInvalidUTF8AreRefusedByName() throws {
        let loader = DocumentLoader(pdftotext: nil)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fte-docs-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).write(to: dir.appendingPathComponent("image.md"))
        try Data([0x66, 0xFF, 0xFE, 0x20]).write(to: dir.appendingPathComponent("latin1.txt"))
        try Data("%PDF-1.4".utf8).write(to: dir.appendingPathComponent("manual.pdf"))
        try Data("# Hidden".utf8).write(to: dir.appendingPathComponent(".hidden.md"))
        let (files, failures) = loader.discover([dir.path])
        #expect(failures.isEmpty)
        #expect(files.map(\.source) == ["image.md", "latin1.txt", "manual.pdf"])
        for (source, url) in files {
            let file = try loader.read(source: source, url: url)
            #expect(throws: DocumentLoadError.self) { try loader.parse(file) }
            do {
                _ = try loader.parse(file)
            } catch {
                #expect(error.description.hasPrefix(source))
                #expect(error.isSkipped == (source == "manual.pdf"))
            }
        }
    }
}

@Suite struct ChunkerTests {
    /// One token per whitespace-separated word: additive, like BERT's basic tokenizer.
    let chunker = Chunker(maxTokens: 40, overlapTokens: 8) { text in text.split(whereSeparator: \.isWhitespace).count }

    private func words(_ n: Int, _ tag: String) -> String {
        (1...n).map { "\(tag)\($0)" }.joined(separator: " ")
    }

    @Test func chunksFitTheWindowAndNeverMixSections() {
        var doc = KnowledgeDocument(title: "T", format: .markdown, sections: [])
        for i in 0..<6 { doc.append(.init(words(9, "a") + "."), under: ["T", "A\(i % 2)"]) }
        let chunks = chunker.chunks(of: doc)
        #expect(chunks.allSatisfy { $0.tokenCount <= 40 })
        #expect(chunks.map(\.ordinal) == Array(0..<chunks.count))
        #expect(Set(chunks.map(\.headingPath)) == ["T > A0", "T > A1"])
        for chunk in chunks {
            #expect(chunker.countTokensForTest(chunk.embeddingText) == chunk.tokenCount)
        }
    }

    @Test func longParagraphsSplitAtSentencesWithOverlap() {
        let sentences = (1...12).map { "Sentence \($0) has exactly seven words here." }
        var doc = KnowledgeDocument(title: "T", format: .text, sections: [])
        doc.append(.init(sentences.joined(separator: " ")), under: ["T"])
        let chunks = chunker.chunks(of: doc)
        #expect(chunks.count > 1)
        for chunk in chunks {
            #expect(chunk.tokenCount <= 40)
            // Never cut inside a sentence.
            #expect(chunk.content.hasSuffix("here."))
        }
        // Consecutive chunks share their boundary sentence.
        let lastOfFirst = SentenceSplitter.split(chunks[0].content).last!
        #expect(chunks[1].content.hasPrefix(lastOfFirst))
    }

    @Test func codeBlocksSplitOnlyAtLineBreaks() {
        let code = (1...30).map { "let value\($0) = compute(\($0))" }.joined(separator: "\n")
        var doc = KnowledgeDocument(title: "T", format: .markdown, sections: [])
        doc.append(.init(code, isCode: true), under: ["T"])
        let chunks = chunker.chunks(of: doc)
        #expect(chunks.count > 1)
        let lines = chunks.flatMap { $0.content.split(separator: "\n").map(String.init) }
        #expect(lines == code.split(separator: "\n").map(String.init))
    }

    @Test func sentenceSplitterKeepsAbbreviationsAndDecimals() {
        #expect(SentenceSplitter.split("Use e.g. the app. Version 2.5 is out! Really? Yes.")
            == ["Use e.g. the app.", "Version 2.5 is out!", "Really?", "Yes."])
        #expect(SentenceSplitter.split("He said \"stop.\" Then left") == ["He said \"stop.\"", "Then left"])
    }
}

extension Chunker {
    func countTokensForTest(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
}
