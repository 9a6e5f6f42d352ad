/// A mailbox from an address header: display name (encoded words decoded, quotes removed) and
/// the address, normalised with ``ContactAddress/normalizedEmail(_:)``.
public struct EmailMailbox: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// The mailboxes of a header such as `To` or `Cc`: commas inside quotes, angle brackets
    /// or comments do not split; entries without a valid address are skipped.
    public static func parseList(_ value: String) -> [EmailMailbox] {
        var entries: [String] = []
        var current = ""
        var inQuotes = false
        var angleDepth = 0
        var commentDepth = 0
        var escaped = false
        for character in value {
            defer { escaped = !escaped && character == "\\" && inQuotes }
            if !escaped {
                switch character {
                case "\"" where commentDepth == 0: inQuotes.toggle()
                case "<" where !inQuotes: angleDepth += 1
                case ">" where !inQuotes: angleDepth = max(0, angleDepth - 1)
                case "(" where !inQuotes: commentDepth += 1
                case ")" where !inQuotes: commentDepth = max(0, commentDepth - 1)
                case "," where !inQuotes && angleDepth == 0 && commentDepth == 0:
                    entries.append(current)
                    current = ""
                    continue
                default: break
                }
            }
            current.append(character)
        }
        entries.append(current)
        return entries.compactMap(parse)
    }

    /// Parses one mailbox: `"Name" <a@b.c>`, `Name <a@b.c>`, `a@b.c (Name)` or `a@b.c`.
    /// - Returns: nil when there is no valid address.
    public static func parse(_ value: String) -> EmailMailbox? {
        let text = value.trimmingWhitespace()
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            guard let address = ContactAddress.normalizedEmail(String(text[text.index(after: open)..<close])) else {
                return nil
            }
            return EmailMailbox(name: displayName(text[..<open]), address: address)
        }
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            guard let address = ContactAddress.normalizedEmail(String(text[..<open])) else { return nil }
            return EmailMailbox(name: displayName(text[text.index(after: open)..<close]), address: address)
        }
        return ContactAddress.normalizedEmail(text).map { EmailMailbox(name: nil, address: $0) }
    }

    /// Decodes encoded words, removes surrounding quotes and backslash escapes; nil when empty.
    private static func displayName(_ raw: Substring) -> String? {
        var name = EncodedWordDecoder.decode(String(raw).trimmingWhitespace())
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
            var unescaped = ""
            var escaped = false
            for character in name {
                if character == "\\" && !escaped {
                    escaped = true
                    continue
                }
                escaped = false
                unescaped.append(character)
            }
            name = unescaped
        }
        name = name.trimmingWhitespace()
        return name.isEmpty ? nil : name
    }
}
