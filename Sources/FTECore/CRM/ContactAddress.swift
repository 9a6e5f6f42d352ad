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
        // Checked on the UTF-8 bytes ("@", "." and "-" are ASCII); lengths count characters.
        let bytes = email.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = email[..<at]
        let domain = email[bytes.index(after: at)...]
        guard !local.isEmpty, !domain.utf8.contains(UInt8(ascii: "@")),
            local.utf8.count <= 64 || local.count <= 64, bytes.count <= 254 || email.count <= 254
        else { return nil }
        let labels = domain.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") }),
            let tld = labels.last, domain[tld.startIndex..<tld.endIndex].count >= 2
        else { return nil }
        guard local.utf8.allSatisfy({ $0 >= 0x80 || allowedInLocalPart[Int($0)] }),
            domain.utf8.allSatisfy({ $0 >= 0x80 || allowedInDomain[Int($0)] }),
            local.utf8.first != UInt8(ascii: "."), local.utf8.last != UInt8(ascii: "."),
            !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
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
