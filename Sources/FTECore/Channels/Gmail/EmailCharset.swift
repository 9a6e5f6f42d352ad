import Foundation

/// Decodes text bytes in the charset a MIME part or encoded word names. UTF-8 and US-ASCII
/// are decoded strictly; ISO-8859-1 (Latin-1), Windows-1252 and the other charsets Foundation
/// knows go through `String.Encoding`. A part labelled UTF-8 whose bytes are not UTF-8 (a
/// common mislabelling) is read as Windows-1252, which accepts every byte sequence.
enum EmailCharset {
    /// The text, or nil when the charset is unknown or the bytes are invalid in it.
    static func decode(_ bytes: [UInt8], charset: String?) -> String? {
        let name = (charset ?? "utf-8").lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii":
            return String(validating: bytes, as: UTF8.self) ?? decode(bytes, encoding: .windowsCP1252)
        default:
            guard let encoding = encodings[name] else { return nil }
            return decode(bytes, encoding: encoding)
        }
    }

    private static func decode(_ bytes: [UInt8], encoding: String.Encoding) -> String? {
        // Latin-1 maps each byte to the code point of the same value; no table needed.
        if encoding == .isoLatin1 { return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })) }
        return String(bytes: bytes, encoding: encoding)
    }

    private static let encodings: [String: String.Encoding] = [
        "iso-8859-1": .isoLatin1, "iso8859-1": .isoLatin1, "latin1": .isoLatin1, "l1": .isoLatin1,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252,
        "iso-8859-2": .isoLatin2, "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251,
        "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]
}
