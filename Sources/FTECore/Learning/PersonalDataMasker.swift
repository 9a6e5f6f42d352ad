import Foundation

/// Replaces personal data in free text with placeholders, for text that leaves the ticket it
/// was written in (knowledge-base candidates, report excerpts): e-mail addresses `[email]`,
/// IBAN-like account numbers `[iban]`, card numbers that pass the Luhn check `[card]`, phone
/// numbers in international and national formats `[phone]`, order, invoice and account
/// references `[order number]`, other long digit runs `[number]`, URLs' query strings, and the
/// names the caller knows (the customer's, the agent's) `[name]`.
///
/// Dates, times, prices, versions and short numbers ("2 boards", "step 3") are kept.
public struct PersonalDataMasker: Sendable {
    /// Names to mask wherever they appear as words (case-insensitive), e.g. the customer's.
    public var knownNames: [String]

    public init(knownNames: [String] = []) {
        self.knownNames = knownNames
    }

    /// `text` with personal data replaced.
    public func mask(_ text: String) -> String {
        var result = text
        for (pattern, replacement) in Self.fixedPatterns {
            result = pattern.replace(in: result, with: replacement)
        }
        result = Self.digitRuns.replace(in: result) { Self.classify($0) }
        result = Self.selfIntroduction.replace(in: result, with: "$1 [name]")
        for name in knownNames.flatMap(Self.nameWords) {
            result = TextPattern("(?i)\\b" + NSRegularExpression.escapedPattern(for: name) + "\\b").replace(in: result, with: "[name]")
        }
        return result
    }

    /// The words of a name worth masking: at least two letters, not a placeholder word.
    static func nameWords(_ name: String) -> [String] {
        name.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }).map(String.init).filter { $0.count >= 2 }
    }

    // MARK: - Patterns

    /// Patterns replaced as they are, in order (e-mail addresses before anything with digits).
    private static let fixedPatterns: [(TextPattern, String)] = [
        (TextPattern("[A-Za-z0-9._%+'\\-]+@(?:[A-Za-z0-9\\-]+\\.)+[A-Za-z]{2,}"), "[email]"),
        // A URL's query string and fragment often carry tokens and addresses; the page stays.
        (TextPattern("(?<=https?://[^\\s?#]{1,200})[?#][^\\s)\\]>\"']*"), ""),
        // IBAN: country code, two check digits, 11–30 more letters and digits, grouped or not.
        (TextPattern("\\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\\b"), "[iban]"),
        // A reference after a word that names one: order #A-12345, invoice no. 2024/0012, Bestellnummer 123456.
        (TextPattern(
            "(?i)\\b(order|invoice|booking|reservation|reference|ref|account|acct|customer|client|tracking|transaction|contract|"
                + "policy|membership|bestellung|bestellnummer|rechnung|kundennummer|commande|facture|pedido|factura|"
                + "bestelling|ordine|fattura|encomenda)(\\s*(?:number|no\\.?|nr\\.?|num(?:ber)?|n[º°o]\\.?|id|#|:)){0,2}\\s*"
                + "#?\\s*(?=[A-Za-z0-9\\-/]*[0-9])[A-Za-z0-9][A-Za-z0-9\\-/]{3,}(?:[ ][0-9]{3,})*"),
         "$1 [order number]"),
        (TextPattern("(?<![\\w#])#[0-9]{4,}\\b"), "[order number]"),
    ]

    /// Runs of digits with the separators phone and card numbers use, starting with `+`, `(`
    /// or a digit: classified by ``classify(_:)``.
    private static let digitRuns = TextPattern("(?<![\\w.,/:+\\-])(?:\\+|\\(\\+?)?[0-9][0-9 ().\\-/]{4,}[0-9](?![\\w])")

    /// "my name is Jane Doe", "je m'appelle …", "ich heiße …", "me llamo …": the name after it
    /// (capitalised words) is masked, the phrase kept.
    private static let selfIntroduction = TextPattern(
        "(?i)\\b(my name is|je m'appelle|ich heiße|ich heisse|me llamo|mi nombre es|mijn naam is|mi chiamo|meu nome é)\\s+"
            + "(?-i:[A-ZÀ-Ý][\\p{L}'\\-]+)(?:\\s+(?-i:[A-ZÀ-Ý][\\p{L}'\\-]+)){0,2}")

    /// What a run of digits is: a date, year range or amount stays, as does any run of fewer
    /// than 7 digits; 7–15 digits after `+` or `00` are a phone number; a Luhn-valid 13–19 digit
    /// number is a card; 7–15 digits in phone-like groups (or with a leading 0) are a phone
    /// number; any other run is masked as a number.
    static func classify(_ run: String) -> String {
        let digits = run.filter { $0.asciiValue.map { (0x30...0x39).contains($0) } ?? false }
        if isKeptNumber(run) || digits.count < 7 { return run }
        let international = run.hasPrefix("+") || run.hasPrefix("(+") || run.hasPrefix("00")
        if international, (7...15).contains(digits.count) { return "[phone]" }
        if (13...19).contains(digits.count), luhnValid(digits) { return "[card]" }
        let grouped = run.contains(where: { " ()-./".contains($0) })
        if (7...15).contains(digits.count), grouped || digits.hasPrefix("0") { return "[phone]" }
        return "[number]"
    }

    /// Dates (2026-11-24, 24.11.2026, 11/24/2026), year ranges (2019-2024) and amounts
    /// (120000.50): kept.
    private static func isKeptNumber(_ run: String) -> Bool {
        let trimmed = run.trimmingWhitespace()
        return keptShapes.contains { $0.matchesWhole(trimmed) }
    }

    private static let keptShapes = [
        TextPattern("^[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}$"), TextPattern("^[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}$"),
        TextPattern("^[0-9]{4} ?- ?[0-9]{4}$"), TextPattern("^[0-9]+[.][0-9]{2}$"),
    ]

    /// The Luhn checksum card numbers carry.
    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}

/// A compiled regular expression (ICU syntax) with the few operations the cleaners need.
struct TextPattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share across threads.
    let regex: NSRegularExpression

    init(_ pattern: String) {
        // The patterns are constants of this module; a typo is a programming error.
        regex = try! NSRegularExpression(pattern: pattern, options: [])
    }

    /// `text` with every match replaced by `template` (`$1` names a group).
    func replace(in text: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// `text` with every match replaced by what `transform` makes of it.
    func replace(in text: String, _ transform: (String) -> String) -> String {
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = ""
        var cursor = text.startIndex
        for match in matches {
            guard let range = Range(match.range, in: text) else { continue }
            result += text[cursor..<range.lowerBound]
            result += transform(String(text[range]))
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }

    /// Whether the whole of `text` matches (anchor the pattern with `^…$` so alternatives are
    /// tried until one spans the text).
    func matchesWhole(_ text: String) -> Bool {
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return false }
        return match.range == NSRange(text.startIndex..., in: text)
    }

    /// Whether `text` contains a match.
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
