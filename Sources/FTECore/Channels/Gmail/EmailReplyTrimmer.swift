/// Keeps only what the customer wrote in a reply: drops the quoted history (Gmail's
/// "On … wrote:" and its translations, and everything after it, `>` lines,
/// "-----Original Message-----" and its translations, Outlook's "From: … Sent: …" header block in
/// English, German, French, Spanish, Dutch and Italian) and the signature ("-- " line, "Sent from
/// my iPhone" and its translations).
/// When nothing would be left (a bare forward), the whole text is kept.
public enum EmailReplyTrimmer {
    /// The new part of `text`, trimmed, with runs of blank lines collapsed to one.
    public static func trim(_ text: String) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var kept: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            if startsHistoryOrSignature(trimmed) || startsOutlookHeaderBlock(lines, at: index)
                || startsWroteLine(lines, at: index)
            {
                break
            }
            if !trimmed.hasPrefix(">") { kept.append(line) }
            index += 1
        }
        // An Outlook separator line of underscores belongs to the history that follows it.
        while let last = kept.last?.trimmingWhitespace(), last.isEmpty || isUnderscoreRule(last) {
            kept.removeLast()
        }
        let result = collapseBlankLines(kept)
        return result.isEmpty ? collapseBlankLines(lines) : result
    }

    private static func isUnderscoreRule(_ trimmed: String) -> Bool {
        trimmed.count >= 8 && trimmed.allSatisfy { $0 == "_" }
    }

    private static let signatureOpeners = [
        "sent from my ", "get outlook for ", "sent from mail for windows", "sent from yahoo mail", "von meinem ",
        "envoyé de mon ", "envoyé depuis mon ", "enviado desde mi ", "enviado do meu ", "verzonden vanaf mijn ",
        "inviato da ", "skickat från min ",
    ]

    /// Separator lines mail clients put above quoted or forwarded history (lower-cased).
    private static let historySeparators = [
        "original message", "forwarded message", "ursprüngliche nachricht", "weitergeleitete nachricht",
        "message d'origine", "message transféré", "mensaje original", "mensaje reenviado", "oorspronkelijk bericht",
        "messaggio originale", "mensagem original", "begin forwarded message",
    ]

    private static func startsHistoryOrSignature(_ trimmed: String) -> Bool {
        if trimmed == "--" { return true }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("---") || lower.hasPrefix("begin forwarded"),
            historySeparators.contains(where: { lower.contains($0) }) {
            return true
        }
        return signatureOpeners.contains { lower.hasPrefix($0) }
    }

    /// Attribution lines that introduce quoted history: English (Gmail, Apple Mail), German,
    /// French, Spanish, Dutch, Italian, Portuguese.
    private static let attributions: [(prefix: String, marker: String, suffix: String)] = [
        ("On ", " ", "wrote:"), ("Am ", " schrieb ", ":"), ("Le ", " a écrit", ":"), ("El ", " escribió", ":"),
        ("Op ", " schreef ", ":"), ("Il ", " ha scritto", ":"), ("Em ", " escreveu", ":"),
    ]

    /// "On <date>, <name> wrote:" and its translations, possibly wrapped over up to three lines.
    private static func startsWroteLine(_ lines: [String], at index: Int) -> Bool {
        let first = lines[index].trimmingWhitespace()
        let candidates = attributions.filter { first.hasPrefix($0.prefix) }
        guard !candidates.isEmpty else { return false }
        var joined = ""
        for line in lines[index..<min(index + 3, lines.count)] {
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.isEmpty else { return false }
            joined += joined.isEmpty ? trimmed : " " + trimmed
            let matches = candidates.contains { joined.hasSuffix($0.suffix) && joined.contains($0.marker) }
            // An attribution carries a date; "On Monday I wrote:" in the customer's text does not.
            if matches && joined.contains(where: \.isNumber) { return true }
        }
        return false
    }

    /// Outlook's quoted header: `From:` then, within the next four lines, `Sent:` or `Date:`
    /// (and their German, French, Spanish, Dutch and Italian labels).
    private static func startsOutlookHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        let first = lines[index].trimmingWhitespace().lowercased()
        guard ["from:", "von:", "de :", "de:", "van:", "da:"].contains(where: { first.hasPrefix($0) }) else { return false }
        let dateLabels = ["sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:", "enviado:", "fecha:", "verzonden:", "inviato:", "data:"]
        return lines[(index + 1)..<min(index + 5, lines.count)].contains { line in
            let lower = line.trimmingWhitespace().lowercased()
            return dateLabels.contains { lower.hasPrefix($0) }
        }
    }

    private static func collapseBlankLines(_ lines: [String]) -> String {
        var result: [String] = []
        for line in lines.map({ $0.replacingTrailingWhitespace() }) {
            if line.isEmpty && (result.last?.isEmpty ?? true) { continue }
            result.append(line)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing whitespace (keeps indentation).
    fileprivate func replacingTrailingWhitespace() -> String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}
