import Foundation

/// Turns what a customer or a colleague wrote into text fit for a knowledge-base entry or a
/// report: the quoted history and signature go (``EmailReplyTrimmer``), then a greeting at the
/// start and a closing with the name under it at the end ("Best regards, Name", "Thanks!"), in
/// English, German, French, Spanish, Dutch, Italian and Portuguese; personal data is masked
/// (``PersonalDataMasker``) and whitespace collapsed.
public enum QuestionText {
    /// The cleaner's version, stored with each cleaned question (`question_texts`, migration
    /// 32): raise it when the cleaning changes, and stored texts are cleaned again.
    public static let version = 1

    /// The cleaned text of `text`, its lines kept (runs of blank lines become one).
    /// - Parameter knownNames: names to mask (the customer's, the person answering).
    public static func clean(_ text: String, knownNames: [String] = []) -> String {
        var lines = EmailReplyTrimmer.trim(text.replacingOccurrences(of: "\r\n", with: "\n"))
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        dropGreeting(&lines)
        dropClosing(&lines)
        let masked = PersonalDataMasker(knownNames: knownNames).mask(lines.joined(separator: "\n"))
        return paragraphs(masked)
    }

    /// The cleaned text on one line, cut after `words` words (`…` when cut).
    public static func excerpt(_ text: String, words: Int, knownNames: [String] = []) -> String {
        let all = clean(text, knownNames: knownNames).split(whereSeparator: \.isWhitespace)
        return all.prefix(words).joined(separator: " ") + (all.count > words ? " …" : "")
    }

    // MARK: - Greetings and closings

    /// "Hi,", "Hello team!", "Dear Support," "Guten Tag Frau Müller," alone on the first line
    /// go; "Hi, how do I …" loses its "Hi, ".
    static func dropGreeting(_ lines: inout [String]) {
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let first = lines.first, let match = greeting.firstMatch(first) else { return }
        let rest = String(first[match.upperBound...]).trimmingWhitespace()
        if rest.isEmpty {
            lines.removeFirst()
            while let first = lines.first, first.isEmpty { lines.removeFirst() }
        } else {
            lines[0] = rest
        }
        // What follows "Hi," starts the text now: "how do I …" becomes "How do I …".
        if let first = lines.first { lines[0] = first.prefix(1).uppercased() + first.dropFirst() }
    }

    /// A closing ("Best regards,", "Thanks in advance!", "Mit freundlichen Grüßen") after some
    /// text, with at most four short lines under it (name, role, company): it and they go.
    static func dropClosing(_ lines: inout [String]) {
        let content = lines.indices.filter { !lines[$0].isEmpty }
        for index in content.dropFirst() where content.last! - index <= 4 {
            let line = lines[index]
            guard closing.matchesWhole(line) else { continue }
            let tail = lines[(index + 1)...].filter { !$0.isEmpty }
            guard tail.allSatisfy({ $0.split(separator: " ").count <= 6 }) else { continue }
            lines.removeSubrange(index...)
            return
        }
        guard let last = content.last else { return }
        // "Thanks, Jane" on a line of its own, or after the last sentence of a one-line message.
        if content.count >= 2, closingWithName.matchesWhole(lines[last]) {
            lines.removeSubrange(last...)
        } else if let range = trailingClosing.firstMatch(lines[last]) {
            lines[last] = String(lines[last][..<range.lowerBound])
        }
    }

    private static let greetingWords =
        "hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|greetings|howdy|hallo|guten (?:tag|morgen|abend)|"
        + "liebe[rs]?|sehr geehrte[rs]?|moin|servus|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|buenos días|"
        + "buenas tardes|estimad[oa]s?|hoi|goedemorgen|goedemiddag|beste|ciao|salve|buongiorno|gentile|olá|oi|bom dia|boa tarde|prezad[oa]s?"

    /// A greeting and up to four words of whom it addresses, then `,`, `!`, `:` or the end.
    private static let greeting = TextPattern(
        "^(?i)(?:" + greetingWords + ")\\b(?:[ \\t]+[\\p{L}.'\\-]+){0,4}?[ \\t]*(?:[,!:]+|$)")

    private static let closingWords =
        "best regards|kind regards|warm regards|regards|best wishes|best|cheers|thanks|thank you|thanks in advance|"
        + "thank you in advance|many thanks|thanks again|thx|ty|sincerely|yours sincerely|yours truly|yours faithfully|"
        + "all the best|talk soon|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|"
        + "beste grüße|lg|vg|mfg|danke|vielen dank|cordialement|bien cordialement|bien à vous|merci|merci d'avance|"
        + "salutations|saludos|un saludo|atentamente|gracias|muchas gracias|met vriendelijke groet|vriendelijke groeten|"
        + "groeten|bedankt|cordiali saluti|distinti saluti|saluti|grazie|atenciosamente|abraços|obrigad[oa]"

    private static let closing = TextPattern("^(?i)(?:" + closingWords + ")[ \\t]*[,.!:]*[ \\t]*(?:[-–—]+)?$")
    /// A closing after a sentence's end at the end of a line: "… fix it? Best regards, Li Wei".
    private static let trailingClosing = TextPattern(
        "(?<=[.!?])[ \\t]+(?i:" + closingWords + ")[ \\t]*[,.!]*(?:[ \\t]+(?-i:\\p{Lu}[\\p{L}.'\\-]*)){0,3}[ \\t]*$")
    private static let closingWithName = TextPattern(
        "^(?i)(?:" + closingWords + ")[ \\t]*[,.!]*[ \\t]+(?-i:\\p{Lu}[\\p{L}.'\\-]*)(?:[ \\t]+(?-i:\\p{Lu}[\\p{L}.'\\-]*)){0,2}$")

    /// The lines with whitespace inside them collapsed and runs of blank lines made one.
    private static func paragraphs(_ text: String) -> String {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let collapsed = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if collapsed.isEmpty, result.last?.isEmpty ?? true { continue }
            result.append(collapsed)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }
}

extension TextPattern {
    /// The range of the first match in `text`.
    func firstMatch(_ text: String) -> Range<String.Index>? {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).flatMap { Range($0.range, in: text) }
    }
}
