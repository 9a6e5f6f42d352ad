import Foundation
import Testing

@testable import FTECore

@Suite struct KnowledgeDocumentTextTests {
    @Test func chunksGroupBySectionAndTheirOverlapIsShownOnce() {
        let sections = KnowledgeDocumentText.sections(of: [
            ("", "Intro paragraph."),
            ("Refunds", "First paragraph.\n\nSecond sentence. Third sentence. Fourth sentence."),
            ("Refunds", "Third sentence. Fourth sentence.\n\nFifth paragraph."),
            ("Refunds", "Fifth paragraph.\n\nSixth paragraph."),
            ("Refunds > Annual plans", "Annual text."),
            ("Refunds > Annual plans", "Other text."),
        ])
        #expect(sections == [
            .init(headingPath: "", text: "Intro paragraph."),
            .init(
                headingPath: "Refunds",
                text: "First paragraph.\n\nSecond sentence. Third sentence. Fourth sentence.\n\nFifth paragraph.\n\nSixth paragraph."),
            .init(headingPath: "Refunds > Annual plans", text: "Annual text.\n\nOther text."),
        ])
    }

    @Test func onlyARepeatedOpeningBlockIsDropped() {
        // A chunk of one block is never emptied; the same section later in the document is a new one.
        #expect(KnowledgeDocumentText.sections(of: [("A", "Same."), ("A", "Same.")]) == [.init(headingPath: "A", text: "Same.\n\nSame.")])
        #expect(KnowledgeDocumentText.sections(of: [("A", "One."), ("B", "One.\n\nTwo."), ("A", "One.\n\nThree.")]).map(\.text)
            == ["One.", "One.\n\nTwo.", "One.\n\nThree."])
        // A block that only resembles the end of the previous one is kept.
        #expect(KnowledgeDocumentText.sections(of: [("A", "It works."), ("A", "Setup.\n\nIt works.")]).first?.text
            == "It works.\n\nSetup.\n\nIt works.")
        #expect(KnowledgeDocumentText.sections(of: []).isEmpty)
    }

    @Test func theChunkersOwnOverlapIsUndone() {
        // Long paragraphs chunked with overlap come back as they were, whatever the chunk size.
        let first = (1...40).map { "Sentence \($0) explains a detail of the refund policy." }.joined(separator: " ")
        let second = (1...25).map { "Step \($0) of the export is described here." }.joined(separator: " ")
        let document = KnowledgeDocument(
            title: "Refunds", format: .markdown,
            sections: [.init(headingPath: ["Refunds"], blocks: [.init(first), .init("A short paragraph."), .init(second)])])
        for (maxTokens, overlap) in [(40, 10), (64, 16), (100, 32)] {
            let chunker = Chunker(maxTokens: maxTokens, overlapTokens: overlap) { $0.split(separator: " ").count }
            let chunks = chunker.chunks(of: document)
            #expect(chunks.count > 3)
            let text = KnowledgeDocumentText.sections(of: chunks.map { ($0.headingPath, $0.content) })
            #expect(text.count == 1)
            let words = { (text: String) in text.split(whereSeparator: \.isWhitespace) }
            #expect(words(text.first?.text ?? "") == words([first, "A short paragraph.", second].joined(separator: " ")), "\(maxTokens)/\(overlap)")
        }
    }
}
