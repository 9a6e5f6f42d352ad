/// Turns an HTML page into sections: scripts, styles and other non-content elements are
/// dropped, `h1`–`h6` become the heading path, block elements end paragraphs, `pre` is kept as
/// a code block, and character references are decoded. Tolerant of unclosed tags.
enum HTMLParser {
    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "iframe", "object"]
    private static let blocks: Set<String> = [
        "p", "div", "li", "br", "tr", "td", "th", "section", "article", "header", "footer", "main", "aside",
        "nav", "blockquote", "table", "ul", "ol", "dl", "dt", "dd", "hr", "figure", "figcaption", "form", "body", "html",
    ]

    static func parse(_ html: String, fallbackTitle: String) -> KnowledgeDocument {
        var document = KnowledgeDocument(title: fallbackTitle, format: .html, sections: [])
        var headings: [(level: Int, text: String)] = []
        var text = ""
        var headingLevel: Int? = nil
        var inPre = false
        var titleText: String? = nil
        let chars = Array(html.unicodeScalars)
        var i = 0

        func path() -> [String] { headings.map(\.text) }
        func flush() {
            let content = inPre ? text : collapse(text)
            defer { text = "" }
            guard !content.trimmingWhitespace().isEmpty else { return }
            if let level = headingLevel {
                let heading = collapse(decodeEntities(content))
                if level == 1 && document.sections.isEmpty && headings.isEmpty { document.title = heading }
                headings.removeAll { $0.level >= level }
                headings.append((level, heading))
            } else {
                document.append(.init(decodeEntities(content), isCode: inPre), under: path())
            }
        }

        while i < chars.count {
            if chars[i] == "<" {
                if i + 3 < chars.count, chars[i + 1] == "!", chars[i + 2] == "-", chars[i + 3] == "-" {
                    i = index(of: "-->", in: chars, from: i + 4).map { $0 + 3 } ?? chars.count
                    continue
                }
                guard let close = chars[i...].firstIndex(of: ">") else { break }
                let tag = String(String.UnicodeScalarView(chars[(i + 1)..<close]))
                i = close + 1
                let isEnd = tag.hasPrefix("/")
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if name == "title" && !isEnd {
                    let end = index(of: "</", in: chars, from: i) ?? chars.count
                    titleText = collapse(decodeEntities(String(String.UnicodeScalarView(chars[i..<end]))))
                    i = end
                    continue
                }
                if skipped.contains(name) && !isEnd && !tag.hasSuffix("/") {
                    i = index(ofClosing: name, in: chars, from: i) ?? chars.count
                    continue
                }
                if name.count == 2, name.first == "h", let level = Int(String(name.last!)), (1...6).contains(level) {
                    flush()
                    headingLevel = isEnd ? nil : level
                } else if name == "pre" {
                    flush()
                    inPre = !isEnd
                } else if blocks.contains(name) {
                    flush()
                }
                continue
            }
            text.unicodeScalars.append(chars[i])
            i += 1
        }
        flush()
        if document.title == fallbackTitle, let titleText, !titleText.isEmpty { document.title = titleText }
        return document
    }

    private static func index(of needle: String, in chars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard start <= chars.count - pattern.count else { return nil }
        for i in start...(chars.count - pattern.count) where chars[i] == pattern[0] {
            if Array(chars[i..<(i + pattern.count)]) == pattern { return i }
        }
        return nil
    }

    /// Index just after `</name>` (case-insensitive).
    private static func index(ofClosing name: String, in chars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while let open = index(of: "</", in: chars, from: i) {
            let tagEnd = chars[open...].firstIndex(of: ">") ?? chars.count - 1
            let tag = String(String.UnicodeScalarView(chars[(open + 2)..<tagEnd])).lowercased().trimmingWhitespace()
            if tag == name { return tagEnd + 1 }
            i = open + 2
        }
        return nil
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—", "ndash": "–",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "copy": "©", "reg": "®", "trade": "™",
        "rarr": "→", "larr": "←", "bull": "•", "middot": "·", "euro": "€",
    ]

    /// Decodes named (common ones) and numeric character references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                var decoded: String? = namedEntities[name]
                if decoded == nil, name.hasPrefix("#") {
                    let number = name.dropFirst()
                    let value = number.lowercased().hasPrefix("x") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number)
                    decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
