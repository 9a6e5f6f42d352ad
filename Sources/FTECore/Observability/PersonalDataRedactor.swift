/// Masks e-mail addresses and phone numbers in log text: `jane.doe@example.com` becomes
/// `j***@example.com` and `+14155550100` becomes `+1*******00`, so logs can be shared without
/// exposing customers.
public enum PersonalDataRedactor {
    nonisolated(unsafe) private static let email = /[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+\.)+[A-Za-z]{2,}/
    nonisolated(unsafe) private static let phone = /\+[1-9][0-9 ().\-]{6,20}[0-9]/

    /// `text` with every e-mail address and international phone number masked.
    public static func redact(_ text: String) -> String {
        guard text.contains("@") || text.contains("+") else { return text }
        var result = text.replacing(email) { match in
            let value = match.output.0
            guard let at = value.firstIndex(of: "@") else { return "***" }
            return "\(value.first.map(String.init) ?? "")***\(value[at...])"
        }
        result = result.replacing(phone) { match in
            let digits = match.output.filter(\.isNumber)
            guard digits.count >= 7 else { return String(match.output) }
            return "+\(digits.prefix(1))\(String(repeating: "*", count: digits.count - 3))\(digits.suffix(2))"
        }
        return result
    }
}
