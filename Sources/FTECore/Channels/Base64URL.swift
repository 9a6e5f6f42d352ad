import Foundation

/// Base64 as Google and JOSE use it: URL-safe alphabet (`-`, `_`) without padding when
/// encoding; either alphabet, with or without padding, when decoding.
public enum Base64URL {
    /// Encodes bytes with the URL-safe alphabet and no `=` padding (JWT segments, Gmail `raw`).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes standard or URL-safe base64, tolerating missing padding and line breaks.
    /// - Returns: nil when `text` is not base64 (stray characters, impossible length).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var normalized = ""
        normalized.reserveCapacity(text.utf8.count + 3)
        for character in text.unicodeScalars where character != "\r" && character != "\n" {
            switch character {
            case "-": normalized.append("+")
            case "_": normalized.append("/")
            default: normalized.unicodeScalars.append(character)
            }
        }
        while normalized.hasSuffix("=") { normalized.removeLast() }
        guard normalized.utf8.count % 4 != 1 else { return nil }
        normalized += String(repeating: "=", count: (4 - normalized.utf8.count % 4) % 4)
        return Data(base64Encoded: normalized).map { Array($0) }
    }
}
