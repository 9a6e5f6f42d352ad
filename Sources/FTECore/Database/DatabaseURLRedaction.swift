import Foundation

/// Keeps the password of a PostgreSQL URL out of everything fte prints or logs, even for a URL
/// no parser accepts: libpq quotes the whole URL in its errors (`missing "]" in IPv6 host
/// address in URI: "postgres://u:secret@[bad/db"`), so a malformed URL would otherwise leak.
enum DatabaseURLRedaction {
    /// What replaces a password.
    static let mask = "***"

    /// `url` with its password — in the user info and in a `password=` query parameter —
    /// replaced by ``mask``. Works on the text, without parsing the URL: the user info is
    /// everything between `://` and the last `@` whose part contains a `:`.
    static func redact(_ url: String) -> String {
        var text = url
        if let userInfo = userInfo(of: text), let colon = text[userInfo].firstIndex(of: ":") {
            text.replaceSubrange(text.index(after: colon)..<userInfo.upperBound, with: mask)
        }
        return redactingPasswordParameters(text)
    }

    /// `message` with `url`, wherever it appears, replaced by its redacted form, and the
    /// password itself (as written and percent-decoded) masked wherever else it appears.
    static func redact(_ message: String, mentioning url: String) -> String {
        var text = message.replacingOccurrences(of: url, with: redact(url))
        for secret in passwords(in: url) where secret.count >= minimumMaskedLength {
            text = text.replacingOccurrences(of: secret, with: mask)
        }
        return text
    }

    /// libpq's `message` about connecting with keyword/value `parameters`: the password of a
    /// `dbname` URL and any `password` value masked.
    static func redact(_ message: String, connectionParameters parameters: [(String, String)]) -> String {
        var text = message
        for (keyword, value) in parameters where keyword == "dbname" {
            text = redact(text, mentioning: value)
        }
        for (keyword, value) in parameters where keyword == "password" && !value.isEmpty {
            text = text.replacingOccurrences(of: value, with: mask)
        }
        return text
    }

    /// Passwords shorter than this are masked only where the URL itself appears: masking every
    /// occurrence of one or two characters would garble the message and hide little.
    static let minimumMaskedLength = 3

    /// The range of the user info with a password: after `://`, before the last `@`.
    private static func userInfo(of text: String) -> Range<String.Index>? {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return nil }
        let range = scheme.upperBound..<at
        return text[range].contains(":") ? range : nil
    }

    /// The password as written in the URL and percent-decoded, from the user info and from
    /// `password=` parameters.
    private static func passwords(in url: String) -> [String] {
        var found: [String] = []
        if let range = userInfo(of: url), let colon = url[range].firstIndex(of: ":") {
            found.append(String(url[url.index(after: colon)..<range.upperBound]))
        }
        for parameter in passwordParameterRanges(in: url) { found.append(String(url[parameter])) }
        return found.flatMap { [$0, $0.removingPercentEncoding ?? $0] }.filter { !$0.isEmpty }
    }

    private static func redactingPasswordParameters(_ text: String) -> String {
        var result = text
        for range in passwordParameterRanges(in: text).reversed() { result.replaceSubrange(range, with: mask) }
        return result
    }

    /// The value ranges of `password=` parameters (after `?` or `&`, up to `&`, `#` or the end).
    private static func passwordParameterRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchFrom = text.startIndex
        while let key = text.range(of: "password=", options: .caseInsensitive, range: searchFrom..<text.endIndex) {
            searchFrom = key.upperBound
            guard key.lowerBound > text.startIndex, "?&".contains(text[text.index(before: key.lowerBound)]) else { continue }
            let end = text[key.upperBound...].firstIndex { $0 == "&" || $0 == "#" } ?? text.endIndex
            if key.upperBound < end { ranges.append(key.upperBound..<end) }
        }
        return ranges
    }
}
