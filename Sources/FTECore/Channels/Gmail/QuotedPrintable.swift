import Foundation

/// The quoted-printable transfer encoding (RFC 2045 §6.7) for UTF-8 text bodies: printable
/// ASCII stays readable, every other byte becomes `=XX`, lines end in CRLF and are at most 76
/// characters (soft breaks `=` CRLF). Whitespace at a line's end, a `From ` or `.` at a line's
/// start are escaped too, so no relay can alter them.
enum QuotedPrintable {
    /// Encodes `text`; its line breaks (LF, CRLF or CR) become CRLF.
    static func encode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in EmailText.lines(text).enumerated() {
            if index > 0 { output += "\r\n" }
            encodeLine(Array(line.utf8), into: &output)
        }
        return output
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func encodeLine(_ bytes: [UInt8], into output: inout String) {
        let escapeFirst = bytes.starts(with: "From ".utf8) || bytes.first == UInt8(ascii: ".")
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal: Bool
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): literal = !isLast
            case 33...60, 62...126: literal = !(index == 0 && escapeFirst)
            default: literal = false
            }
            let width = literal ? 1 : 3
            // A soft break's `=` takes the 76th column; the line's last piece may use it.
            if lineLength + width > (isLast ? 76 : 75) {
                output += "=\r\n"
                lineLength = 0
            }
            if literal {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output.append("=")
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            lineLength += width
        }
    }
}

/// Line handling shared by the e-mail writers.
enum EmailText {
    /// The lines of `text`, split at LF, CRLF or CR.
    static func lines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }
}
