/// Parses Markdown into sections by ATX headings (`#` … `######`), keeping fenced code blocks
/// (``` or ~~~) whole, list items as their own blocks and paragraphs joined into one line.
enum MarkdownParser {
    static func parse(_ text: String, fallbackTitle: String) -> KnowledgeDocument {
        var document = KnowledgeDocument(title: fallbackTitle, format: .markdown, sections: [])
        var headings: [(level: Int, text: String)] = []
        var paragraph: [String] = []
        var code: [String]? = nil
        var fence = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.trimmingSuffix("\r")) }
        lines = Self.droppingFrontMatter(lines)

        func path() -> [String] { headings.map(\.text) }
        func flushParagraph() {
            if !paragraph.isEmpty { document.append(.init(paragraph.joined(separator: " ")), under: path()) }
            paragraph.removeAll()
        }

        for line in lines {
            let trimmed = line.trimmingWhitespace()
            if var open = code {
                if trimmed.hasPrefix(fence) && trimmed.allSatisfy({ $0 == fence.first }) {
                    document.append(.init(open.joined(separator: "\n"), isCode: true), under: path())
                    code = nil
                } else {
                    open.append(line)
                    code = open
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                fence = String(trimmed.prefix(while: { $0 == trimmed.first }))
                code = []
                continue
            }
            if let (level, heading) = Self.heading(trimmed) {
                flushParagraph()
                if level == 1 && document.sections.isEmpty && headings.isEmpty { document.title = heading }
                headings.removeAll { $0.level >= level }
                headings.append((level, heading))
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
            } else if Self.isListItem(trimmed) {
                flushParagraph()
                paragraph = [trimmed]
            } else {
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
        if let open = code { document.append(.init(open.joined(separator: "\n"), isCode: true), under: path()) }
        return document
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        let text = String(rest).trimmingWhitespace().trimmingSuffixCharacters("#").trimmingWhitespace()
        return text.isEmpty ? nil : (hashes, text)
    }

    static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return true }
        let digits = line.prefix(while: \.isNumber)
        return !digits.isEmpty && (line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") "))
    }

    /// Drops a leading YAML front-matter block (`---` … `---`).
    static func droppingFrontMatter(_ lines: [String]) -> [String] {
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return lines }
        return Array(lines[(end + 1)...])
    }
}

extension StringProtocol {
    func trimmingSuffix(_ suffix: String) -> SubSequence {
        hasSuffix(suffix) ? dropLast(suffix.count) : self[...]
    }
}

extension String {
    func trimmingSuffixCharacters(_ character: Character) -> String {
        var s = Substring(self)
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
