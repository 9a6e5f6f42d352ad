/// Decodes RFC 2047 encoded words in header values (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`),
/// as in `Subject` and the display name of `From`. Whitespace between two adjacent encoded
/// words is dropped, as the RFC requires; malformed or unknown-charset words stay as they are.
enum EncodedWordDecoder {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var pendingWhitespace = ""
        var lastWasEncodedWord = false
        var rest = Substring(value)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let decoded = encodedWord(at: rest) {
                if !lastWasEncodedWord { result += pendingWhitespace }
                result += decoded.word
                pendingWhitespace = ""
                lastWasEncodedWord = true
                rest = decoded.remainder
            } else if let first = rest.first, first == " " || first == "\t" {
                pendingWhitespace.append(first)
                rest = rest.dropFirst()
            } else {
                result += pendingWhitespace
                pendingWhitespace = ""
                lastWasEncodedWord = false
                result.append(rest.removeFirst())
            }
        }
        return result + pendingWhitespace
    }

    /// Parses `=?charset?encoding?text?=` at the start of `text`.
    private static func encodedWord(at text: Substring) -> (word: String, remainder: Substring)? {
        let body = text.dropFirst(2)
        let fields = body.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[3].hasPrefix("="), !fields[0].isEmpty else { return nil }
        // RFC 2231 allows a language suffix: `UTF-8*en`.
        let charset = String(fields[0].prefix { $0 != "*" })
        let bytes: [UInt8]?
        switch fields[1].uppercased() {
        case "B": bytes = Base64URL.decode(fields[2])
        case "Q": bytes = decodeQ(fields[2])
        default: bytes = nil
        }
        guard let bytes, let word = EmailCharset.decode(bytes, charset: charset) else { return nil }
        return (word, fields[3].dropFirst())
    }

    /// The "Q" encoding: `_` is a space, `=XX` a byte.
    private static func decodeQ(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "="):
                let hex = String(decoding: utf8.prefix(2), as: UTF8.self)
                guard hex.utf8.count == 2, let value = UInt8(hex, radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            default: bytes.append(byte)
            }
        }
        return bytes
    }
}
