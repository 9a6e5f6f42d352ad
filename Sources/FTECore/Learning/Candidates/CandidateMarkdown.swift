import Foundation

/// The Markdown forms of a candidate: the editable draft `fte kb candidates edit` opens in
/// `$EDITOR`, and the knowledge-base document approval writes.
public enum CandidateMarkdown {
    /// The editable draft: front matter with the title and category, then `## Question` and
    /// `## Answer`.
    public static func draft(_ text: CandidateText) -> String {
        """
        ---
        title: \(yamlString(text.title))
        category: \(text.category)
        ---
        ## Question

        \(text.question)

        ## Answer

        \(text.answer)

        """
    }

    /// Reads an edited draft back.
    /// - Throws: ``LearningError`` `invalidInput` naming what is missing or malformed.
    public static func parseDraft(_ markdown: String) throws -> CandidateText {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        guard lines.first?.trimmingWhitespace() == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingWhitespace() == "---" })
        else { throw LearningError(.invalidInput, "the draft must start with its front matter (--- title: … category: … ---)") }
        var fields: [String: String] = [:]
        for line in lines[1..<end] where !line.trimmingWhitespace().isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LearningError(.invalidInput, "front matter line without a colon: \(line)")
            }
            let key = String(line[..<colon]).trimmingWhitespace().lowercased()
            fields[key] = unquoted(String(line[line.index(after: colon)...]).trimmingWhitespace())
        }
        var sections: [String: [String]] = [:]
        var current: String?
        for line in lines[(end + 1)...] {
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("## ") {
                current = String(trimmed.dropFirst(3)).trimmingWhitespace().lowercased()
                sections[current!] = []
            } else if let current {
                sections[current, default: []].append(line)
            } else if !trimmed.isEmpty {
                throw LearningError(.invalidInput, "text before the ## Question heading: \(trimmed)")
            }
        }
        func section(_ name: String) throws -> String {
            guard let body = sections[name] else { throw LearningError(.invalidInput, "the draft has no ## \(name.capitalized) section") }
            return body.joined(separator: "\n").trimmingWhitespace()
        }
        let text = CandidateText(
            title: fields["title"] ?? "", category: fields["category"] ?? "", question: try section("question"),
            answer: try section("answer"))
        try text.validate()
        return text
    }

    /// The knowledge-base document of an approved candidate: front matter (title, category,
    /// source tickets, who approved it and when, the candidate), the title as its heading, the
    /// question as customers ask it, and the answer.
    public static func document(_ candidate: KnowledgeCandidate, approvedBy: String, on date: Date) -> String {
        let day = String(PostgresTimestamp.format(date).prefix(10))
        let tickets = candidate.ticketIDs.map { "  - \($0.lowercasedString)" }.joined(separator: "\n")
        return """
            ---
            title: \(yamlString(candidate.title))
            category: \(candidate.category)
            source_tickets:
            \(tickets)
            approved_by: \(yamlString(approvedBy))
            approved_at: \(day)
            candidate: \(candidate.id)
            ---
            # \(candidate.title)

            \(candidate.question)

            \(candidate.answer)

            """
    }

    /// A file name for `title`: lower-case ASCII letters and digits joined by `-`, at most 60
    /// characters cut at a word (`candidate-ID` when nothing is left).
    public static func fileName(title: String, id: Int64) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        for character in folded.lowercased() {
            if let ascii = character.asciiValue, (0x61...0x7A).contains(ascii) || (0x30...0x39).contains(ascii) {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 60 {
            // Cut at the last whole word within 60 characters.
            let cut = slug.prefix(61)
            slug = String(cut[..<(cut.lastIndex(of: "-") ?? cut.endIndex)])
        }
        return (slug.isEmpty ? "candidate-\(id)" : slug) + ".md"
    }

    /// A YAML double-quoted string.
    static func yamlString(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        return String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
