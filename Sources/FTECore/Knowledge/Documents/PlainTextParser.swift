/// Plain text: paragraphs separated by blank lines; a short first line is the title; lines
/// underlined with `===`/`---` or written in capitals as short lines become section headings.
enum PlainTextParser {
    static func parse(_ text: String, fallbackTitle: String, format: KnowledgeDocument.Format = .text) -> KnowledgeDocument {
        var document = KnowledgeDocument(title: fallbackTitle, format: format, sections: [])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.trimmingSuffix("\r")) }
        var heading: [String] = []
        var paragraph: [String] = []
        var index = 0
        func flush() {
            if !paragraph.isEmpty { document.append(.init(paragraph.joined(separator: " ")), under: heading) }
            paragraph.removeAll()
        }
        // The title: the first non-empty line, when it is short and followed by a blank or rule line.
        while index < lines.count, lines[index].trimmingWhitespace().isEmpty { index += 1 }
        if index < lines.count {
            let first = lines[index].trimmingWhitespace()
            let next = index + 1 < lines.count ? lines[index + 1].trimmingWhitespace() : ""
            if first.count <= 100 && (next.isEmpty || isRule(next)) {
                document.title = first
                heading = [first]
                index += isRule(next) ? 2 : 1
            }
        }
        while index < lines.count {
            let line = lines[index].trimmingWhitespace()
            let next = index + 1 < lines.count ? lines[index + 1].trimmingWhitespace() : ""
            if !line.isEmpty && isRule(next) && line.count <= 100 {
                flush()
                heading = [document.title, line]
                index += 2
                continue
            }
            if line.isEmpty {
                flush()
            } else {
                if MarkdownParser.isListItem(line) { flush() }
                paragraph.append(line)
            }
            index += 1
        }
        flush()
        // A text that is only its first line: that line is the content too.
        if document.sections.isEmpty, document.title != fallbackTitle {
            document.append(.init(document.title), under: [document.title])
        }
        return document
    }

    private static func isRule(_ line: String) -> Bool {
        line.count >= 3 && (line.allSatisfy { $0 == "=" } || line.allSatisfy { $0 == "-" })
    }
}
