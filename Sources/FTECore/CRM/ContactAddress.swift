/// A customer identifier in its normalised form: e-mail addresses lower-cased, phone numbers in
/// E.164 (`+` and 7–15 digits). WhatsApp addresses (`whatsapp:+E164`) normalise to the phone.
public enum ContactAddress: Hashable, Sendable {
    case email(String)
    case phone(String)

    /// Parses an e-mail address or a phone number, normalising it.
    /// - Returns: `nil` when `text` is neither a plausible address nor a phone number.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.contains("@") {
            guard let email = Self.normalizedEmail(trimmed) else { return nil }
            self = .email(email)
        } else {
            guard let phone = Self.normalizedPhone(trimmed) else { return nil }
            self = .phone(phone)
        }
    }

    /// The normalised value as stored in `customer_identifiers.value`.
    public var value: String {
        switch self {
        case .email(let v), .phone(let v): v
        }
    }

    /// Lower-cases and checks the shape `local@domain.tld` (no spaces, one `@`, a dot in the domain).
    public static func normalizedEmail(_ text: String) -> String? {
        let email = text.trimmingWhitespace().lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, email.count <= 254 else { return nil }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            labels.last!.count >= 2
        else { return nil }
        guard parts[0].utf8.allSatisfy({ $0 >= 0x80 || allowedInLocalPart[Int($0)] }),
            domain.utf8.allSatisfy({ $0 >= 0x80 || allowedInDomain[Int($0)] }),
            !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !email.contains("..")
        else { return nil }
        return email
    }

    /// ASCII bytes allowed in the local part (RFC 5322 atext and dots), as a lookup table.
    private static let allowedInLocalPart = asciiTable("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-")
    /// ASCII bytes allowed in a (lower-cased) domain.
    private static let allowedInDomain = asciiTable("abcdefghijklmnopqrstuvwxyz0123456789.-")

    private static func asciiTable(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for byte in characters.utf8 { table[Int(byte)] = true }
        return table
    }

    /// Strips `whatsapp:`, spaces, dashes, dots and parentheses; accepts `+` or `00` prefixes.
    public static func normalizedPhone(_ text: String) -> String? {
        var s = Substring(text.trimmingWhitespace())
        if s.lowercased().hasPrefix("whatsapp:") { s = s.dropFirst("whatsapp:".count) }
        var digits = ""
        var sawPlus = false
        for (i, ch) in s.enumerated() {
            if ch == "+" && i == 0 { sawPlus = true; continue }
            if " -.()".contains(ch) { continue }
            guard ch.isASCII, ch.isNumber else { return nil }
            digits.append(ch)
        }
        if !sawPlus {
            guard digits.hasPrefix("00") else { return nil }
            digits.removeFirst(2)
        }
        guard (7...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}
