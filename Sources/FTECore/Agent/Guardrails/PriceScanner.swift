/// Finds the first price in a text, scanning its Unicode scalars once: an amount with a currency
/// symbol or code before it ("$49", "USD 49") or a symbol, code or currency word after it
/// ("49 euros", "10€"), or an amount per period ("10 per month", "8/mo", "99 a year").
/// Letters are compared case-insensitively; words must stand alone (word boundaries as in a
/// regular expression's `\b`).
///
/// It replaces a `Regex` with the same alternatives, which Swift's regex engine ran at about
/// 10 % of a busy worker's CPU; a test checks both agree on many texts.
enum PriceScanner {
    static let symbols: Set<Unicode.Scalar> = ["$", "€", "£", "¥", "₹"]
    static let codes = ["usd", "eur", "gbp", "cad", "aud", "nzd", "chf", "jpy", "inr", "sek", "nok", "dkk"]
    /// What may follow an amount, in the order a regular expression would try them.
    static let currencyWords = codes + ["dollars", "dollar", "euros", "euro", "pounds", "pound", "bucks", "cents", "cent"]
    static let periods = ["month", "mo", "year", "yr", "annum"]

    /// A UUID such as a ticket reference: its hex digits can spell "4cad" or "cad7".
    nonisolated(unsafe) static let uuid = #/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/#

    /// The first price in `text` outside its UUIDs (a ticket reference the reply quotes is an
    /// identifier, not an amount): what the reply checks use.
    static func firstPrice(ignoringIdentifiersIn text: String) -> String? {
        firstPrice(in: text.contains("-") ? text.replacing(uuid, with: " ") : text)
    }

    /// The first price in `text`, as written there; `nil` when there is none.
    static func firstPrice(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices {
            if let end = match(scalars, at: start) {
                return String(String.UnicodeScalarView(scalars[start..<end]))
            }
        }
        return nil
    }

    /// The end of a price starting at `start`, trying the three shapes in order.
    private static func match(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        // A symbol or code, an optional space, an amount.
        var afterPrefix: Int?
        if symbols.contains(s[start]) {
            afterPrefix = start + 1
        } else if startsWord(s, at: start), let end = word(codes, in: s, at: start), !isASCIILetter(s, at: end) {
            afterPrefix = end
        }
        if let afterPrefix {
            if isSpace(s, at: afterPrefix), let end = amount(s, at: afterPrefix + 1) { return end }
            if let end = amount(s, at: afterPrefix) { return end }
        }
        // An amount (starting a word), then a suffix.
        guard startsWord(s, at: start), let amountEnd = amount(s, at: start) else { return nil }
        let suffixStart = isSpace(s, at: amountEnd) ? amountEnd + 1 : amountEnd
        if suffixStart < s.count, symbols.contains(s[suffixStart]) { return suffixStart + 1 }
        if let end = word(currencyWords, in: s, at: suffixStart, wholeWord: true) { return end }
        // An amount per period.
        var position = skipSpaces(s, from: amountEnd)
        if position < s.count, s[position] == "/" {
            position += 1
        } else if let end = word(["per", "a"], in: s, at: position, wholeWord: true) {
            position = end
        } else {
            return nil
        }
        return word(periods, in: s, at: skipSpaces(s, from: position), wholeWord: true)
    }

    /// `\d+(?:[.,]\d+)*` at `start`: its end, or `nil`.
    private static func amount(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        guard isDigit(s, at: start) else { return nil }
        var position = start
        while isDigit(s, at: position) { position += 1 }
        while position + 1 < s.count, s[position] == "." || s[position] == ",", isDigit(s, at: position + 1) {
            position += 1
            while isDigit(s, at: position) { position += 1 }
        }
        return position
    }

    /// The end of the first of `words` written at `start` (case-insensitively), followed by a
    /// word boundary when `wholeWord` is set.
    private static func word(_ words: [String], in s: [Unicode.Scalar], at start: Int, wholeWord: Bool = false) -> Int? {
        for candidate in words {
            var position = start
            var matched = true
            for letter in candidate.unicodeScalars {
                guard position < s.count, lowercased(s[position]) == letter else {
                    matched = false
                    break
                }
                position += 1
            }
            if matched, !wholeWord || !isWordCharacter(s, at: position) { return position }
        }
        return nil
    }

    private static func skipSpaces(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var position = start
        while isSpace(s, at: position) { position += 1 }
        return position
    }

    /// Whether a word can start at `index`: no word character right before it.
    private static func startsWord(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        index < s.count && isWordCharacter(s, at: index) && !isWordCharacter(s, at: index - 1)
    }

    private static func isWordCharacter(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        guard s.indices.contains(index) else { return false }
        let c = s[index]
        if c.isASCII { return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" }
        return c.properties.isAlphabetic || c.properties.numericType == .decimal || c.properties.generalCategory == .nonspacingMark
    }

    private static func isDigit(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        guard s.indices.contains(index) else { return false }
        let c = s[index]
        return c.isASCII ? ("0"..."9").contains(c) : c.properties.numericType == .decimal
    }

    private static func isSpace(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        guard s.indices.contains(index) else { return false }
        let c = s[index]
        return c.isASCII ? (c == " " || ("\t"..."\r").contains(c)) : c.properties.isWhitespace
    }

    private static func isASCIILetter(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        s.indices.contains(index) && (("a"..."z").contains(s[index]) || ("A"..."Z").contains(s[index]))
    }

    private static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c
    }
}
