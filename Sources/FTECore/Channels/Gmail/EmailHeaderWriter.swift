import Foundation

/// Writes header fields for ``EmailComposer``: values are cleaned of line breaks and control
/// characters (so no input can start a header of its own), non-ASCII text becomes RFC 2047
/// encoded words (`=?UTF-8?B?…?=`), and lines are folded before 78 columns.
enum EmailHeaderWriter {
    /// Longest line we aim for, CRLF excluded (RFC 5322 §2.1.1 "SHOULD").
    static let lineLimit = 78
    /// UTF-8 bytes per encoded word: 39 bytes are 52 base64 characters, 64 with the markers.
    private static let encodedWordBytes = 39

    /// `text` with CR and LF turned into spaces, other control characters removed, and
    /// surrounding whitespace trimmed.
    static func clean(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: cleaned.append(" ")
            case 0x00..<0x20, 0x7F: continue
            default: cleaned.append(scalar)
            }
        }
        return String(cleaned).trimmingWhitespace()
    }

    /// An unstructured field such as `Subject`: words of plain printable ASCII stay as they are
    /// (so `Re: ` stays readable), each run of other words (or words that look like encoded
    /// words) is written as encoded words, its inner spaces inside them.
    static func unstructured(_ name: String, _ value: String) -> String {
        var tokens: [String] = []
        var run: [Substring] = []
        for word in clean(value).split(separator: " ", omittingEmptySubsequences: false) {
            if needsEncoding(word) || (!run.isEmpty && word.isEmpty) {
                run.append(word)
                continue
            }
            if !run.isEmpty { tokens += encodedWords(run.joined(separator: " ")) }
            run = []
            tokens.append(String(word))
        }
        if !run.isEmpty { tokens += encodedWords(run.joined(separator: " ")) }
        return fold(name, tokens)
    }

    /// An address field: `Name <address>`, the name as atoms, a quoted string or encoded
    /// words; just the address when there is no name.
    static func address(_ name: String, _ mailbox: EmailMailbox) -> String {
        fold(name, phrase(mailbox.name.map(clean) ?? "") + ["<\(mailbox.address)>"])
    }

    /// A field whose value is a list of message ids (`In-Reply-To`, `References`).
    static func messageIDs(_ name: String, _ ids: [String]) -> String {
        fold(name, ids)
    }

    /// `name: ` and `tokens` separated by spaces, breaking the line (CRLF and the space)
    /// before a token that would pass ``lineLimit``.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var field = name + ":"
        var lineLength = field.utf8.count
        for token in tokens {
            let width = token.utf8.count + 1
            if lineLength + width > lineLimit, lineLength > name.utf8.count + 1 {
                field += "\r\n"
                lineLength = 0
            }
            field += " " + token
            lineLength += width
        }
        return field
    }

    /// Whether `text` cannot go into a header as it is: it has non-ASCII or control characters,
    /// looks like an encoded word, or has a word too long for one line.
    private static func needsEncoding(_ text: some StringProtocol) -> Bool {
        text.contains("=?") || text.utf8.contains { $0 < 0x20 || $0 > 0x7E }
            || text.split(separator: " ").contains { $0.utf8.count > 900 }
    }

    /// `text` as `=?UTF-8?B?…?=` words of at most ``encodedWordBytes`` bytes, never splitting
    /// a character's bytes between two words.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > encodedWordBytes {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// A display name as tokens: atoms when it has only atom characters and spaces, one quoted
    /// string when it has other printable ASCII, encoded words when it has anything else.
    private static func phrase(_ name: String) -> [String] {
        guard !name.isEmpty else { return [] }
        if needsEncoding(name) || name.utf8.count > 900 { return encodedWords(name) }
        let words = name.split(separator: " ")
        if words.allSatisfy({ $0.utf8.allSatisfy(isAtomCharacter) }) { return words.map(String.init) }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// RFC 5322 `atext`.
    private static func isAtomCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// A message id as `<id-left@id-right>`: surrounding whitespace and brackets are optional
    /// on input; nil when what is inside is empty or not printable ASCII without `<`, `>`,
    /// spaces or line breaks.
    static func messageID(_ text: String) -> String? {
        var inner = Substring(text.trimmingWhitespace())
        if inner.hasPrefix("<") && inner.hasSuffix(">") && inner.count >= 2 { inner = inner.dropFirst().dropLast() }
        guard !inner.isEmpty, inner.utf8.allSatisfy({ (33...126).contains($0) && $0 != 60 && $0 != 62 }) else {
            return nil
        }
        return "<\(inner)>"
    }

    /// Every well-formed `<…>` message id in a `References` or `In-Reply-To` value, in order;
    /// anything else (comments, bare words, broken ids) is skipped.
    static func messageIDList(_ text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            guard let close = rest.dropFirst().firstIndex(where: { $0 == ">" || $0 == "<" }) else { break }
            if rest[close] == ">", let id = messageID(String(rest[...close])) { ids.append(id) }
            rest = rest[close...].dropFirst(rest[close] == ">" ? 1 : 0)
        }
        return ids
    }

    /// `date` as RFC 5322 wants it, in UTC: `Tue, 24 Nov 2026 08:05:09 +0000`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(parts.day ?? 1) \(months[(parts.month ?? 1) - 1]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
